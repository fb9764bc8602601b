//! The tray icons, drawn from code: one per [`Health`], each a different shape as well as a
//! different colour (for colour-blind users), at any size.
//!
//! | state | shape | colour | glyph |
//! |---|---|---|---|
//! | all published | disc | green | check mark |
//! | working | open ring (three quarters) | blue | dot in the middle |
//! | attention | triangle | amber | "!" |
//! | error | octagon | red | "×" |
//! | paused | rounded square | grey | two bars |
//!
//! Each pixel is sampled 4×4 times for smooth edges. The PNGs in `assets/tray/`
//! (`<state>-<size>.png`, 16, 24 and 32 px) are these drawings: a test checks they match, and
//! rewrites them with `SHEETDROP_WRITE_ICONS=1 cargo test tray::icon`.

use crate::i18n::Health;

/// The sizes drawn in `assets/tray/`.
pub const SIZES: [u32; 3] = [16, 24, 32];

/// Every state, in `assets/tray/` naming order.
pub const STATES: [Health; 5] = [
    Health::Published,
    Health::Working,
    Health::Attention,
    Health::Error,
    Health::Paused,
];

/// The file name stem of a state's icons (`published-16.png`, ...).
pub fn name(health: Health) -> &'static str {
    match health {
        Health::Published => "published",
        Health::Working => "working",
        Health::Attention => "attention",
        Health::Error => "error",
        Health::Paused => "paused",
    }
}

type Rgb = [u8; 3];

/// The state's shape colour and glyph colour.
fn colours(health: Health) -> (Rgb, Rgb) {
    const WHITE: Rgb = [255, 255, 255];
    match health {
        Health::Published => ([0x2e, 0x7d, 0x32], WHITE),
        Health::Working => ([0x15, 0x65, 0xc0], WHITE),
        Health::Attention => ([0xf9, 0xa8, 0x25], [0x21, 0x21, 0x21]),
        Health::Error => ([0xc6, 0x28, 0x28], WHITE),
        Health::Paused => ([0x61, 0x61, 0x61], WHITE),
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// Whether the point `(x, y)` (both in -1..1, y down) is in the state's shape, and in its
/// glyph.
fn sample(health: Health, x: f32, y: f32) -> (bool, bool) {
    let r = (x * x + y * y).sqrt();
    let stroke = |a, b, w| to_segment((x, y), a, b) <= w;
    match health {
        Health::Published => (
            r <= 0.94,
            stroke((-0.45, 0.02), (-0.12, 0.36), 0.13)
                || stroke((-0.12, 0.36), (0.48, -0.34), 0.13),
        ),
        Health::Working => {
            // A ring open at its top-right quarter, like a spinner.
            let gap = x > 0.0 && y < 0.0;
            ((0.52..=0.94).contains(&r) && !gap || r <= 0.26, false)
        }
        Health::Attention => {
            // Apex (0, -0.92), base y = 0.84 from x = -0.98 to 0.98.
            let inside = y <= 0.84 && y >= -0.92 + 1.76 * x.abs() / 0.98;
            let bang = stroke((0.0, -0.3), (0.0, 0.22), 0.11)
                || (x * x + (y - 0.55).powi(2)).sqrt() <= 0.13;
            (inside, bang)
        }
        Health::Error => (
            x.abs() <= 0.9 && y.abs() <= 0.9 && x.abs() + y.abs() <= 1.42,
            stroke((-0.4, -0.4), (0.4, 0.4), 0.14) || stroke((-0.4, 0.4), (0.4, -0.4), 0.14),
        ),
        Health::Paused => {
            let (cx, cy) = ((x.abs() - 0.62).max(0.0), (y.abs() - 0.62).max(0.0));
            let bar = (0.12..=0.4).contains(&x.abs()) && y.abs() <= 0.46;
            ((cx * cx + cy * cy).sqrt() <= 0.28, bar)
        }
    }
}

/// The state's icon, `size`×`size` pixels of straight (not premultiplied) RGBA, row by row.
pub fn rgba(health: Health, size: u32) -> Vec<u8> {
    const N: u32 = 4;
    let (shape, glyph) = colours(health);
    let mut out = Vec::with_capacity((size * size * 4) as usize);
    let scale = 2.0 / size as f32;
    for py in 0..size {
        for px in 0..size {
            let (mut covered, mut sum) = (0u32, [0u32; 3]);
            for sy in 0..N {
                for sx in 0..N {
                    let x = (px as f32 + (sx as f32 + 0.5) / N as f32) * scale - 1.0;
                    let y = (py as f32 + (sy as f32 + 0.5) / N as f32) * scale - 1.0;
                    let (in_shape, in_glyph) = sample(health, x, y);
                    if in_shape {
                        covered += 1;
                        let c = if in_glyph { glyph } else { shape };
                        for i in 0..3 {
                            sum[i] += u32::from(c[i]);
                        }
                    }
                }
            }
            match covered {
                0 => out.extend_from_slice(&[0, 0, 0, 0]),
                n => {
                    for s in sum {
                        out.push(((s + n / 2) / n) as u8);
                    }
                    out.push(((covered * 255 + N * N / 2) / (N * N)) as u8);
                }
            }
        }
    }
    out
}

/// The same icon as ARGB32 in network byte order (what a StatusNotifierItem sends).
pub fn argb(health: Health, size: u32) -> Vec<u8> {
    let mut data = rgba(health, size);
    for px in data.chunks_exact_mut(4) {
        px.rotate_right(1);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn asset(health: Health, size: u32) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("assets/tray")
            .join(format!("{}-{size}.png", name(health)))
    }

    fn write_png(path: &std::path::Path, size: u32, rgba: &[u8]) {
        let file = std::fs::File::create(path).unwrap();
        let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(rgba).unwrap();
    }

    fn read_png(path: &std::path::Path) -> (u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        ));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgba, "{}", path.display());
        buf.truncate(info.buffer_size());
        (info.width, buf)
    }

    #[test]
    fn the_committed_pngs_are_the_drawings() {
        let write = std::env::var_os("SHEETDROP_WRITE_ICONS").is_some();
        for health in STATES {
            for size in SIZES {
                let path = asset(health, size);
                let drawn = rgba(health, size);
                if write {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    write_png(&path, size, &drawn);
                }
                let (width, committed) = read_png(&path);
                assert_eq!(width, size);
                assert!(
                    committed == drawn,
                    "{} differs from the drawing; regenerate with SHEETDROP_WRITE_ICONS=1",
                    path.display()
                );
            }
        }
    }

    /// Each pixel of an icon as transparent (0), shape (1) or glyph (2): what is left of it
    /// in black and white.
    fn silhouette(health: Health, size: u32) -> Vec<u8> {
        let (_, glyph) = colours(health);
        rgba(health, size)
            .chunks(4)
            .map(|p| match p[3] {
                0..128 => 0,
                _ if p[..3].iter().zip(glyph).all(|(a, b)| a.abs_diff(b) < 64) => 2,
                _ => 1,
            })
            .collect()
    }

    #[test]
    fn every_state_differs_in_shape_and_colour_from_every_other() {
        for size in SIZES {
            for (i, a) in STATES.iter().enumerate() {
                for b in &STATES[i + 1..] {
                    let (ma, mb) = (silhouette(*a, size), silhouette(*b, size));
                    let differ = ma.iter().zip(&mb).filter(|(x, y)| x != y).count();
                    // Outline and glyph together: at least an eighth of the pixels differ.
                    assert!(
                        differ * 8 >= (size * size) as usize,
                        "{a:?} and {b:?} at {size} px: only {differ} pixels differ in shape"
                    );
                    assert_ne!(colours(*a).0, colours(*b).0, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn argb_is_rgba_rotated() {
        let rgba = rgba(Health::Error, 16);
        let argb = argb(Health::Error, 16);
        assert_eq!(argb.len(), 16 * 16 * 4);
        let centre = (8 * 16 + 8) * 4;
        assert_eq!(
            &argb[centre..centre + 4],
            &[255, 255, 255, 255],
            "the × is white"
        );
        let edge = (8 * 16 + 1) * 4;
        assert_eq!(argb[edge], rgba[edge + 3]);
        assert_eq!(&argb[edge + 1..edge + 4], &rgba[edge..edge + 3]);
        assert_eq!(&argb[0..4], &[0, 0, 0, 0], "corners are transparent");
    }
}
