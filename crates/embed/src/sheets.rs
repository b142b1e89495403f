//! The constructable stylesheets, built once per page and shared by every
//! shadow root: adopting a sheet costs no parsing, and no `<style>`
//! element is needed (CSP `style-src 'self'` allows adopted sheets).

use crate::TOKENS_CSS;
use bandeau_widgets::{BAR_CSS, LAUNCHER_CSS, LOGIN_CSS, SHARED_CSS, USER_MENU_CSS};
use js_sys::Array;
use std::cell::RefCell;
use web_sys::CssStyleSheet;

/// Which component styles a shadow root needs besides tokens and shared.
#[derive(Clone, Copy, Debug)]
pub enum Component {
    Bar,
    Launcher,
    UserMenu,
    Login,
}

thread_local! {
    static SHEETS: RefCell<Option<[CssStyleSheet; 6]>> = const { RefCell::new(None) };
}

fn sheet(css: &str) -> CssStyleSheet {
    let sheet = CssStyleSheet::new().expect("constructable stylesheets are supported");
    // The CSS was checked at build time; a browser that rejects part of it
    // still gets the rest.
    let _ = sheet.replace_sync(css);
    sheet
}

/// The sheets for one kind of element, in cascade order.
pub fn for_component(component: Component) -> Array {
    SHEETS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let [tokens, shared, launcher, user_menu, bar, login] = cell.get_or_insert_with(|| {
            [
                sheet(TOKENS_CSS),
                sheet(SHARED_CSS),
                sheet(LAUNCHER_CSS),
                sheet(USER_MENU_CSS),
                sheet(BAR_CSS),
                sheet(LOGIN_CSS),
            ]
        });
        let list = Array::of2(tokens, shared);
        match component {
            Component::Launcher => {
                list.push(launcher);
            }
            Component::UserMenu => {
                list.push(user_menu);
            }
            Component::Bar => {
                list.push(launcher);
                list.push(user_menu);
                list.push(bar);
            }
            Component::Login => {
                list.push(login);
            }
        }
        list
    })
}
