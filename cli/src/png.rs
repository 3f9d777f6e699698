//! Reading a PNG's pixel size from its header, without decoding the image.

/// Width and height in pixels, or `None` if `bytes` do not start like a PNG.
///
/// ```
/// // The 8-byte signature, then the IHDR chunk: length 13, "IHDR", width, height.
/// let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
/// png.extend_from_slice(b"IHDR");
/// png.extend_from_slice(&400u32.to_be_bytes());
/// png.extend_from_slice(&272u32.to_be_bytes());
/// assert_eq!(amo_widget::png::dimensions(&png), Some((400, 272)));
/// assert_eq!(amo_widget::png::dimensions(b"GIF89a"), None);
/// ```
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let rest = bytes.strip_prefix(SIGNATURE)?;
    if rest.get(4..8)? != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(rest.get(8..12)?.try_into().ok()?);
    let height = u32::from_be_bytes(rest.get(12..16)?.try_into().ok()?);
    Some((width, height))
}
