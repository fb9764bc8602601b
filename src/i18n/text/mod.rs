//! The string table: one line per key, `[Spanish, English, Brazilian Portuguese]`, in one
//! file per area (`report.rs`, `cli.rs`, `doctor.rs`, `service.rs`, `errors.rs`,
//! `google.rs`). The macro builds the [`Text`] enum, its list and an exhaustive `match` from
//! all of them, so a key cannot exist without its three translations. `{name}` marks a value
//! filled in by `Lang::format`.

macro_rules! texts {
    (; $($key:ident => [$es:literal, $en:literal, $pt:literal $(,)?],)*) => {
        /// A user-facing string; its English text is its documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Text {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl Text {
            /// Every key, in declaration order.
            pub const ALL: &'static [Text] = &[$(Text::$key),*];
        }

        /// `[es, en, pt-BR]` of `key`.
        pub(super) fn table(key: Text) -> [&'static str; 3] {
            match key {
                $(Text::$key => [$es, $en, $pt],)*
            }
        }
    };
}

// The lists, one file per area; each macro adds its keys and calls the next, `texts!` last.
#[macro_use]
mod report;
#[macro_use]
mod cli;
#[macro_use]
mod doctor;
#[macro_use]
mod service;
#[macro_use]
mod errors;
#[macro_use]
mod google;
#[macro_use]
mod init;

report_texts!(cli_texts, doctor_texts, service_texts, error_texts, google_texts, init_texts, texts;);
