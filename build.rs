//! Build script: for Windows targets, gives both executables an icon and version information
//! (a resource compiled with GNU windres from mingw-w64 and linked into each program). For every
//! other target it does nothing, so a Linux or macOS build needs no extra tools.
//!
//! Without windres (e.g. `cargo check --target x86_64-pc-windows-gnu` on a machine without
//! mingw-w64, or the MSVC toolchain) the build goes on without resources and says so in a cargo
//! warning; `scripts/release.sh` checks that the released executables have them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The two programs: binary name and what Windows shows as its description.
const PROGRAMS: [(&str, &str); 2] = [
    ("gouji", "gouji 勾稽 review window"),
    ("gouji-cli", "gouji 勾稽 command line"),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/gouji.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if std::env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!(
            "cargo:warning=no icon or version information: resources are embedded only with the GNU toolchain (x86_64-pc-windows-gnu, mingw-w64 windres)"
        );
        return;
    }
    let Some(windres) = find_windres() else {
        println!(
            "cargo:warning=no icon or version information: windres not found (Debian: apt-get install binutils-mingw-w64-x86-64; or set WINDRES)"
        );
        return;
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let icon = manifest.join("assets/icon/gouji.ico");
    for (bin, description) in PROGRAMS {
        let rc = out.join(format!("{bin}.rc"));
        let object = out.join(format!("{bin}-resource.o"));
        if let Err(e) = std::fs::write(&rc, resource_script(bin, description, &icon)) {
            println!("cargo:warning=cannot write {}: {e}", rc.display());
            return;
        }
        let status = Command::new(&windres)
            .arg("--input")
            .arg(&rc)
            .args(["--input-format=rc", "--output-format=coff", "--output"])
            .arg(&object)
            .status();
        match status {
            // An object file (not an archive) on the link line: the linker keeps all of it.
            Ok(s) if s.success() => {
                println!("cargo:rustc-link-arg-bin={bin}={}", object.display());
            }
            other => println!(
                "cargo:warning=no icon or version information for {bin}: {windres} failed: {other:?}"
            ),
        }
    }
}

/// `$WINDRES`, else the mingw-w64 windres for the target's architecture, else plain `windres`
/// (MSYS2 on Windows): the first that runs.
fn find_windres() -> Option<String> {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let candidates = [
        std::env::var("WINDRES").ok(),
        Some(format!("{arch}-w64-mingw32-windres")),
        Some("windres".to_owned()),
    ];
    candidates.into_iter().flatten().find(|tool| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The resource script: the icon and a version block (UTF-8, for the Chinese name).
fn resource_script(bin: &str, description: &str, icon: &Path) -> String {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let number = |key: &str| std::env::var(key).unwrap_or_else(|_| "0".to_owned());
    let numeric = format!(
        "{},{},{},0",
        number("CARGO_PKG_VERSION_MAJOR"),
        number("CARGO_PKG_VERSION_MINOR"),
        number("CARGO_PKG_VERSION_PATCH")
    );
    // Forward slashes: a backslash would be an escape in the script's string.
    let icon = icon.display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "gouji"
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "{bin}"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "{bin}.exe"
      VALUE "ProductName", "gouji 勾稽"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#
    )
}
