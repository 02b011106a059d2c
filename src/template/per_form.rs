//! [`PerForm`]: something worked out once for each form, on first use (row targets, rule
//! equations, blank reports), so work that depends only on the form is not redone per report.

use std::sync::OnceLock;

use super::{FORMS, Form, FormId};

/// A value made from each form by `build`, the first time any is asked for.
pub(crate) struct PerForm<T> {
    build: fn(&'static Form) -> T,
    made: OnceLock<Vec<(FormId, T)>>,
}

impl<T> PerForm<T> {
    /// Values that `build` makes from each form.
    pub(crate) const fn new(build: fn(&'static Form) -> T) -> PerForm<T> {
        PerForm {
            build,
            made: OnceLock::new(),
        }
    }

    /// The value for `form`.
    pub(crate) fn get(&self, form: FormId) -> Option<&T> {
        self.made
            .get_or_init(|| FORMS.iter().map(|f| (f.id, (self.build)(f))).collect())
            .iter()
            .find(|(id, _)| *id == form)
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_gets_its_own_value() {
        static CODES: PerForm<&str> = PerForm::new(|form| form.code);
        for form in FORMS {
            assert_eq!(CODES.get(form.id), Some(&form.code));
        }
    }
}
