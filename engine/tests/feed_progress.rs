//! What a reader can learn while a file is being read: how many polls the
//! data set holds so far, which the browser's worker uses to judge the
//! memory a large file will need before it runs out.

use store_uptime_engine::Dataset;

#[test]
fn a_feed_counts_the_polls_of_the_data_set_as_chunks_arrive() {
    let mut data = Dataset::new();
    data.read_bytes("first.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 10:00:00\n").expect("read");
    let mut feed = data.read_file("second.csv");
    assert_eq!(feed.poll_count(), 1, "the earlier file's polls count");
    feed.push(b"store_id,status,timestamp_utc\n2,active,2023-01-25 10:00:00\n2,inactive,2023-01-2").expect("read");
    // The row cut by the chunk's end is not read yet.
    assert_eq!(feed.poll_count(), 2);
    feed.push(b"5 11:00:00\n3,maybe,2023-01-25 11:00:00\n").expect("read");
    // Rejected rows hold no poll.
    assert_eq!(feed.poll_count(), 3);
    feed.finish().expect("read");
    assert_eq!(data.poll_count(), 3);

    let mut hours = data.read_file("hours.csv");
    hours.push(b"store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n").expect("read");
    assert_eq!(hours.poll_count(), 3, "an hours file adds no poll");
}
