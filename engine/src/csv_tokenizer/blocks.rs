//! Where a block of 64 bytes holds a delimiter, a line feed, a carriage
//! return or a quote: one bit per byte, found with the vector instructions
//! the target has.
//!
//! - x86_64: SSE2, which every x86_64 processor has, so no detection is
//!   needed. AVX2 would compare 32 bytes at once instead of 16, but the
//!   comparison is a small part of a line's cost (the fields, the row's
//!   checks and the store id are the rest), and detecting it at run time
//!   costs a branch or an indirect call per block.
//! - wasm32 with `simd128` enabled at compile time: the same with
//!   WebAssembly's 128-bit vectors. The page's build does not enable it
//!   (a module that uses SIMD does not load at all in a browser without
//!   it), so the page uses the word-at-a-time path below; the simd128 path
//!   is there for a build that opts in (`RUSTFLAGS="-C
//!   target-feature=+simd128"`, as `scripts/bench-wasm-engine.sh
//!   --simd128` does).
//! - anywhere else (and the page): eight bytes at a time in a `u64`, with
//!   exact byte comparisons (no false positives, unlike the quick
//!   "has a zero byte" test), which WebAssembly runs in 64-bit registers.
//!
//! Every path gives the same bits; the tests compare each path that the
//! target can run with a plain loop over the bytes.

/// The bytes a mask covers.
pub(super) const BLOCK: usize = 64;

/// Bit `i` is set when `input[i]` is `delimiter`, `\n`, `\r` or `"`, for
/// the first [`BLOCK`] bytes of `input` (fewer if it is shorter: the bits
/// past its end are clear).
pub(super) fn structural(input: &[u8], delimiter: u8) -> u64 {
    match input.first_chunk::<BLOCK>() {
        Some(block) => block_mask(block, delimiter),
        None => {
            // The end of the chunk: padded, and the padding's bits cleared
            // (it may hold the delimiter).
            let mut block = [0; BLOCK];
            block[..input.len()].copy_from_slice(input);
            block_mask(&block, delimiter) & ((1u64 << input.len()) - 1)
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let mut mask = 0;
    // SAFETY: SSE2 is part of every x86_64 target, so its instructions are
    // always there; each load reads 16 bytes of `block`, which has them,
    // and has no alignment requirement.
    unsafe {
        let [delimiter, line_feed, carriage_return, quote] =
            [delimiter, b'\n', b'\r', b'"'].map(|byte| _mm_set1_epi8(byte as i8));
        for (i, lane) in block.chunks_exact(16).enumerate() {
            let bytes = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
            let hits = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter), _mm_cmpeq_epi8(bytes, line_feed)),
                _mm_or_si128(_mm_cmpeq_epi8(bytes, carriage_return), _mm_cmpeq_epi8(bytes, quote)),
            );
            mask |= u64::from(_mm_movemask_epi8(hits) as u16) << (16 * i);
        }
    }
    mask
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    use std::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};
    let [delimiter, line_feed, carriage_return, quote] = [delimiter, b'\n', b'\r', b'"'].map(|byte| u8x16_splat(byte));
    let mut mask = 0;
    for (i, lane) in block.chunks_exact(16).enumerate() {
        // SAFETY: `lane` is 16 readable bytes, and `v128_load` has no
        // alignment requirement.
        let bytes = unsafe { v128_load(lane.as_ptr().cast::<v128>()) };
        let hits = v128_or(
            v128_or(u8x16_eq(bytes, delimiter), u8x16_eq(bytes, line_feed)),
            v128_or(u8x16_eq(bytes, carriage_return), u8x16_eq(bytes, quote)),
        );
        mask |= u64::from(u8x16_bitmask(hits)) << (16 * i);
    }
    mask
}

#[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    block_mask_in_words(block, delimiter)
}

/// The mask eight bytes at a time: the path of targets without vectors.
#[cfg_attr(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
fn block_mask_in_words(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    let mut mask = 0;
    for (i, word) in block.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let hits = equal_bytes(word, delimiter)
            | equal_bytes(word, b'\n')
            | equal_bytes(word, b'\r')
            | equal_bytes(word, b'"');
        mask |= gather_high_bits(hits) << (8 * i);
    }
    mask
}

const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The high bit of each byte of `word` that equals `byte`, and nothing else.
/// (`x + 0x7F` sets a byte's high bit when its low seven bits are not all
/// zero; it never carries into the next byte, since the low seven bits are
/// masked first. With `x` itself for the high bit, a byte's high bit stays
/// clear only when the byte is zero.)
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN)
}

/// The high bits of the eight bytes, as the low eight bits (byte 0 → bit 0).
fn gather_high_bits(high_bits: u64) -> u64 {
    // Each byte's bit moves to bit 56 + its index; no two partial products
    // reach the same bit, so nothing carries into the top byte.
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_bytes(input: &[u8], delimiter: u8) -> u64 {
        input
            .iter()
            .take(BLOCK)
            .enumerate()
            .filter(|&(_, &b)| b == delimiter || matches!(b, b'\n' | b'\r' | b'"'))
            .fold(0, |mask, (i, _)| mask | 1 << i)
    }

    /// Blocks of every byte value in every position, and of the structural
    /// bytes densely packed, with each delimiter the readers use.
    fn blocks() -> Vec<Vec<u8>> {
        let mut blocks: Vec<Vec<u8>> =
            (0..=255u8).map(|start| (0..64).map(|i| start.wrapping_add(i * 4)).collect()).collect();
        blocks.extend((0..=255u8).map(|b| vec![b; 64]));
        blocks.push(b",\n\r\"a;\t|".repeat(8));
        blocks.push(b"1234567890123456789,active,2023-01-22 12:09:39.388884 UTC\r\n7,\"x\"".to_vec());
        blocks
    }

    #[test]
    fn every_path_finds_exactly_the_structural_bytes() {
        for delimiter in [b',', b';', b'\t', b'|', 0, 0x80, 0xFF] {
            for block in blocks() {
                let expected = by_bytes(&block, delimiter);
                let block: &[u8; BLOCK] = block.first_chunk().expect("64 bytes");
                assert_eq!(block_mask(block, delimiter), expected, "{block:?} {delimiter}");
                assert_eq!(block_mask_in_words(block, delimiter), expected, "{block:?} {delimiter}");
            }
        }
    }

    #[test]
    fn a_short_end_has_no_bits_past_it() {
        for delimiter in [b',', 0] {
            for len in 0..BLOCK {
                let input: Vec<u8> = (0..len).map(|i| [b',', b'\n', 0, b'"', b'x'][i % 5]).collect();
                assert_eq!(structural(&input, delimiter), by_bytes(&input, delimiter), "{len}");
            }
        }
    }
}
