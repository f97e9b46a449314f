//! HTML written as text, for the snapshot: markup the code spells out
//! (`&'static str`, so that nothing read from a file can be passed as
//! markup), and every text and attribute value through one escaping
//! function, [`escape`]. A store id, a group's name, a file's name or a
//! rejected row's reason is only ever text.

/// Escapes a text or a double-quoted attribute's value: `&`, `<`, `>`,
/// `"` and `'` become references, so that no text ends an element, a
/// comment or an attribute (html-escape's `encode_quoted_attribute`, the
/// crate Leptos itself escapes with).
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// An HTML text being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }

    /// Markup as the code spells it: tags, the style sheet.
    pub fn markup(&mut self, markup: &'static str) -> &mut Html {
        self.out.push_str(markup);
        self
    }

    /// A text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        self.out.push_str(&escape(text));
        self
    }

    /// An opening tag with its attributes, each value escaped and quoted.
    pub fn open(&mut self, tag: &'static str, attributes: &[(&'static str, &str)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element holding a text: `<tag …>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attributes: &[(&'static str, &str)], text: &str) -> &mut Html {
        self.open(tag, attributes).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A number as an SVG coordinate: at most two decimals, no trailing
/// zeros, the same text for the same number on every machine.
pub fn coordinate(value: f64) -> String {
    let text = format!("{:.2}", if value.is_finite() { value } else { 0.0 });
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_text_or_a_value_is_only_text() {
        assert_eq!(escape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(
            escape("</style><script>alert('x')</script>"),
            "&lt;/style&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
        );
        assert_eq!(escape("a \"b\" & c"), "a &quot;b&quot; &amp; c");
        assert_eq!(escape("8419537941919820732"), "8419537941919820732");
        let mut html = Html::new();
        html.element("td", &[("title", "\" onmouseover=\"alert(1)")], "<b>&amp;</b>");
        assert_eq!(html.finish(), "<td title=\"&quot; onmouseover=&quot;alert(1)\">&lt;b&gt;&amp;amp;&lt;/b&gt;</td>");
    }

    #[test]
    fn coordinates_are_short_and_the_same_everywhere() {
        assert_eq!(coordinate(12.0), "12");
        assert_eq!(coordinate(12.5), "12.5");
        assert_eq!(coordinate(1.0 / 3.0), "0.33");
        assert_eq!(coordinate(-0.001), "0");
        assert_eq!(coordinate(f64::NAN), "0");
    }
}
