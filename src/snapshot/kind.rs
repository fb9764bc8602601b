//! What stands where a file was expected, when it is not a regular file: named once here, at
//! the bottom of the pipeline, so the watcher that finds it, the spool that refuses to open it
//! and the report that shows it agree, and said in words by [`FileKind::message`].

use crate::i18n::{Message, Text};
use serde::{Deserialize, Serialize};

/// What stood where an entity's file was expected, when it is not a regular file
/// (`file_kind` of `not-a-file`). Such an entry is never opened, so a FIFO cannot hang the
/// agent and a link cannot make it read (or copy) a file from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FileKind {
    /// A named pipe (FIFO).
    Fifo,
    /// A folder.
    Directory,
    /// A device (block or character, e.g. `/dev/zero`) or a socket.
    Device,
    /// A symbolic link, not followed (`[source] follow_symlinks = false`).
    Symlink,
    /// A symbolic link whose target is outside the watched folder: never followed.
    LinkOutside,
    /// A symbolic link that leads nowhere: its target is missing, or links loop.
    BrokenLink,
    /// Anything else that is not a regular file (or a kind this version does not know).
    #[serde(other)]
    Other,
}

impl FileKind {
    /// The kind as written in reports, e.g. `link-outside`.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Fifo => "fifo",
            FileKind::Directory => "directory",
            FileKind::Device => "device",
            FileKind::Symlink => "symlink",
            FileKind::LinkOutside => "link-outside",
            FileKind::BrokenLink => "broken-link",
            FileKind::Other => "other",
        }
    }

    /// The kind of a directory entry that is not a regular file, from its type as
    /// `symlink_metadata` (or the open handle's `metadata`) gives it; `None` for a regular
    /// file. A link is [`FileKind::Symlink`] here: following it is the caller's decision.
    pub fn of(file_type: std::fs::FileType) -> Option<FileKind> {
        if file_type.is_file() {
            return None;
        }
        if file_type.is_symlink() {
            return Some(FileKind::Symlink);
        }
        if file_type.is_dir() {
            return Some(FileKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if file_type.is_block_device() || file_type.is_char_device() || file_type.is_socket() {
                return Some(FileKind::Device);
            }
        }
        Some(FileKind::Other)
    }
}

impl FileKind {
    /// The kind in words ("una carpeta", "a named pipe (FIFO)"), for `not-a-file`'s detail.
    pub fn message(self) -> Message {
        Message::new(match self {
            FileKind::Fifo => Text::FileKindFifo,
            FileKind::Directory => Text::FileKindDirectory,
            FileKind::Device => Text::FileKindDevice,
            FileKind::Symlink => Text::FileKindSymlink,
            FileKind::LinkOutside => Text::FileKindLinkOutside,
            FileKind::BrokenLink => Text::FileKindBrokenLink,
            FileKind::Other => Text::FileKindOther,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds_are_told_from_the_entry_type_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        std::fs::write(&file, "x").unwrap();
        let kind =
            |p: &std::path::Path| FileKind::of(std::fs::symlink_metadata(p).unwrap().file_type());
        assert_eq!(kind(&file), None);
        assert_eq!(kind(dir.path()), Some(FileKind::Directory));
        #[cfg(unix)]
        {
            let link = dir.path().join("l.csv");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(kind(&link), Some(FileKind::Symlink));
            let fifo = dir.path().join("f.csv");
            let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            assert_eq!(kind(&fifo), Some(FileKind::Fifo));
            assert_eq!(
                kind(std::path::Path::new("/dev/null")),
                Some(FileKind::Device)
            );
        }
        for k in [FileKind::Fifo, FileKind::LinkOutside, FileKind::BrokenLink] {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn every_kind_is_said_in_every_language() {
        for k in [
            FileKind::Fifo,
            FileKind::Directory,
            FileKind::Device,
            FileKind::Symlink,
            FileKind::LinkOutside,
            FileKind::BrokenLink,
            FileKind::Other,
        ] {
            for lang in [
                crate::i18n::Lang::Es,
                crate::i18n::Lang::En,
                crate::i18n::Lang::PtBr,
            ] {
                assert!(!k.message().render(lang).is_empty(), "{k:?}");
            }
        }
        assert_eq!(
            FileKind::Fifo.message().render(crate::i18n::Lang::Es),
            "una tubería con nombre (FIFO)"
        );
    }
}
