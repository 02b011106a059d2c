//! The window's icon, the same on every platform: the table with a check mark in `assets/icon/`
//! (the Windows executables embed the `.ico` drawn from the same picture, see `build.rs`).

/// The icon as PNG bytes (256×256).
const PNG: &[u8] = include_bytes!("../../assets/icon/gouji.png");

/// The decoded icon; `None` only if the bundled PNG were broken (a test checks it is not).
pub(super) fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(PNG).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_icon_decodes_to_a_square_picture() {
        let icon = window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Transparent corners, opaque middle.
        assert_eq!(icon.rgba.get(3), Some(&0));
        assert_eq!(icon.rgba.get((128 * 256 + 128) * 4 + 3), Some(&255));
    }
}
