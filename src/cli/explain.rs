//! `orglint explain`: a rule's page.

use orglint::gate::Exit;
use orglint::rules;

use super::output::{emit, tool_error};

/// Prints the page of the rule `name` (in any case), or refuses a name that is no rule's, with
/// the closest one.
pub(super) fn explain(name: &str) -> Exit {
    match rules::find(&name.to_ascii_lowercase()) {
        Some(rule) => emit(rule.page, None),
        None => {
            let hint = rules::closest(name)
                .map_or(String::from("; `orglint rules` lists them"), |r| {
                    format!("; did you mean `{}`?", r.name)
                });
            tool_error(&format!("`{name}` is not a rule{hint}"))
        }
    }
}
