//! The Linux (and BSD) backend: a StatusNotifierItem with a D-Bus menu (`ksni`, pure Rust,
//! no GTK). It renders [`model::Menu`] and sends clicks to the tray's worker.

use super::{icon, model, Error, Msg, Render};
use crate::i18n::Health;
use ksni::blocking::{Handle, TrayMethods};
use ksni::menu::{MenuItem, StandardItem};
use std::sync::mpsc::Sender;

/// The item ksni serves: the model last rendered and where clicks go.
struct Item {
    menu: model::Menu,
    clicks: Sender<Msg>,
}

/// A dbusmenu label shows `_` as a mnemonic marker; doubled, it is a plain underscore.
fn label(text: &str) -> String {
    text.replace('_', "__")
}

impl ksni::Tray for Item {
    // A left click opens the menu: it is the whole interface.
    const MENU_ON_ACTIVATE: bool = true;

    fn id(&self) -> String {
        "sheetdrop".into()
    }

    fn title(&self) -> String {
        "sheetdrop".into()
    }

    fn status(&self) -> ksni::Status {
        match self.menu.icon {
            Health::Error | Health::Attention => ksni::Status::NeedsAttention,
            _ => ksni::Status::Active,
        }
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        pixmaps(self.menu.icon)
    }

    fn attention_icon_pixmap(&self) -> Vec<ksni::Icon> {
        pixmaps(self.menu.icon)
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip {
            title: "sheetdrop".into(),
            description: self.menu.status_line.clone(),
            icon_name: String::new(),
            icon_pixmap: vec![],
        }
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        let info = |text: &str| {
            StandardItem {
                label: label(text),
                enabled: false,
                ..Default::default()
            }
            .into()
        };
        let mut items: Vec<MenuItem<Self>> = vec![info(&self.menu.status_line)];
        items.extend(self.menu.entities.iter().map(|line| info(line)));
        items.push(MenuItem::Separator);
        for (i, item) in self.menu.items.iter().enumerate() {
            let action = item.action;
            items.push(
                StandardItem {
                    label: label(&item.label),
                    activate: Box::new(move |this: &mut Self| {
                        let _ = this.clicks.send(Msg::Click(action));
                    }),
                    ..Default::default()
                }
                .into(),
            );
            if self.menu.separator_after(i) {
                items.push(MenuItem::Separator);
            }
        }
        items
    }
}

/// The state's icon at every size drawn.
fn pixmaps(health: Health) -> Vec<ksni::Icon> {
    icon::SIZES
        .iter()
        .map(|&size| ksni::Icon {
            width: size as i32,
            height: size as i32,
            data: icon::argb(health, size),
        })
        .collect()
}

/// The running StatusNotifierItem.
pub(super) struct Backend(Handle<Item>);

impl Backend {
    /// Registers the item on the session bus with `first` shown; fails when there is no
    /// session bus, no StatusNotifierWatcher or no host.
    pub(super) fn spawn(first: model::Menu, clicks: Sender<Msg>) -> Result<Backend, Error> {
        let item = Item {
            menu: first,
            clicks,
        };
        item.spawn()
            .map(Backend)
            .map_err(|e| Error::Unavailable(e.to_string()))
    }
}

impl Render for Backend {
    fn render(&mut self, menu: &model::Menu) {
        let menu = menu.clone();
        self.0.update(move |item| {
            if item.menu != menu {
                item.menu = menu;
            }
        });
    }

    fn close(&mut self) {
        self.0.shutdown().wait();
    }
}
