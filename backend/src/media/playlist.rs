//! HLS playlists: the master the API writes from the stored renditions, the segment list of a
//! variant playlist, and the variant with every segment URI replaced (by presigned URLs).

use std::fmt::Write;

use super::StoredRendition;

pub const CONTENT_TYPE: &str = "application/vnd.apple.mpegurl";

/// Lists the renditions, lowest first, by URLs relative to the master (`360p.m3u8`).
pub fn master(renditions: &[StoredRendition]) -> String {
    let mut sorted: Vec<&StoredRendition> = renditions.iter().collect();
    sorted.sort_by_key(|r| r.bandwidth);
    let mut out = String::from("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for r in sorted {
        let _ = write!(
            out,
            "#EXT-X-STREAM-INF:BANDWIDTH={},RESOLUTION={}x{},NAME=\"{}\"\n{}.m3u8\n",
            r.bandwidth, r.width, r.height, r.name, r.name
        );
    }
    out
}

/// The media segments of a variant playlist: (duration in seconds, URI), in order.
pub fn segments(playlist: &str) -> Vec<(f64, &str)> {
    let mut duration = 0.0;
    let mut out = Vec::new();
    for line in playlist.lines().map(str::trim) {
        if let Some(extinf) = line.strip_prefix("#EXTINF:") {
            duration = extinf
                .split(',')
                .next()
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0.0);
        } else if !line.is_empty() && !line.starts_with('#') {
            out.push((duration, line));
            duration = 0.0;
        }
    }
    out
}

/// The playlist with its URI lines replaced, in order, by `uris`.
pub fn with_uris(playlist: &str, uris: &[String]) -> String {
    let mut next = uris.iter();
    let mut out =
        String::with_capacity(playlist.len() + uris.iter().map(String::len).sum::<usize>());
    for line in playlist.lines() {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            out.push_str(next.next().map_or(trimmed, String::as_str));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// HLS `BANDWIDTH`: the peak bit rate of any segment, from the segment sizes in bytes.
pub fn peak_bandwidth(playlist: &str, size_of: impl Fn(&str) -> Option<u64>) -> i64 {
    segments(playlist)
        .into_iter()
        .filter(|(duration, _)| *duration > 0.0)
        .filter_map(|(duration, uri)| size_of(uri).map(|bytes| bytes as f64 * 8.0 / duration))
        .fold(0.0_f64, f64::max)
        .ceil() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARIANT: &str = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:VOD\n\
        #EXTINF:6.000000,\nseg_00000.ts\n#EXTINF:2.500000,\nseg_00001.ts\n#EXT-X-ENDLIST\n";

    fn rendition(name: &str, height: i32, bandwidth: i64) -> StoredRendition {
        StoredRendition {
            name: name.into(),
            width: height * 16 / 9,
            height,
            bandwidth,
            playlist_key: format!("x/hls/{name}/index.m3u8"),
        }
    }

    #[test]
    fn the_master_lists_variants_lowest_first_by_relative_url() {
        let text = master(&[
            rendition("720p", 720, 3_000_000),
            rendition("360p", 360, 900_000),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "#EXTM3U");
        assert!(lines[3].starts_with("#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360"));
        assert_eq!(lines[4], "360p.m3u8");
        assert_eq!(lines[6], "720p.m3u8");
    }

    #[test]
    fn segment_uris_are_replaced_in_order_and_tags_kept() {
        assert_eq!(
            segments(VARIANT),
            vec![(6.0, "seg_00000.ts"), (2.5, "seg_00001.ts")]
        );
        let out = with_uris(
            VARIANT,
            &["https://s/a?sig".into(), "https://s/b?sig".into()],
        );
        assert!(
            out.contains(
                "#EXTINF:6.000000,\nhttps://s/a?sig\n#EXTINF:2.500000,\nhttps://s/b?sig\n"
            )
        );
        assert!(out.ends_with("#EXT-X-ENDLIST\n"));
    }

    #[test]
    fn bandwidth_is_the_peak_segment_bit_rate() {
        let size = |uri: &str| {
            Some(if uri == "seg_00000.ts" {
                600_000
            } else {
                500_000
            })
        };
        // 600 kB in 6 s = 800 kbit/s; 500 kB in 2.5 s = 1.6 Mbit/s.
        assert_eq!(peak_bandwidth(VARIANT, size), 1_600_000);
    }
}
