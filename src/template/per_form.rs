//! [`PerForm`]: something worked out once for each form, on first use (row targets, rule
//! equations, blank reports), so work that depends only on the form is not redone per report.
//! Any form may be asked for, the national ones or a caller's own.

use std::sync::RwLock;

use super::Form;

/// A value made from each form by `build`, the first time it is asked for that form.
pub(crate) struct PerForm<T: 'static> {
    build: fn(&'static Form) -> T,
    /// Each form's value by the form's address. Values are made once per form for the life of
    /// the program (forms are static), so they are leaked to be handed out as `&'static`.
    made: RwLock<Vec<(usize, &'static T)>>,
}

impl<T: Send + Sync + 'static> PerForm<T> {
    /// Values that `build` makes from each form.
    pub(crate) const fn new(build: fn(&'static Form) -> T) -> PerForm<T> {
        PerForm {
            build,
            made: RwLock::new(Vec::new()),
        }
    }

    /// The value for `form`.
    pub(crate) fn get(&self, form: &'static Form) -> &'static T {
        let address = std::ptr::from_ref(form) as usize;
        let found = |made: &[(usize, &'static T)]| {
            made.iter()
                .find(|(a, _)| *a == address)
                .map(|(_, value)| *value)
        };
        if let Some(value) = self.made.read().ok().and_then(|made| found(&made)) {
            return value;
        }
        // Built outside the lock: `build` may ask other caches (or this one, for another form).
        let value = (self.build)(form);
        let Ok(mut made) = self.made.write() else {
            return Box::leak(Box::new(value));
        };
        if let Some(value) = found(&made) {
            return value; // another thread made it meanwhile
        }
        let value: &'static T = Box::leak(Box::new(value));
        made.push((address, value));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn each_form_gets_its_own_value_once() {
        static CODES: PerForm<String> = PerForm::new(|form| form.code.to_owned());
        for form in Registry::standard().forms() {
            let first = CODES.get(form);
            assert_eq!(first, form.code);
            assert!(std::ptr::eq(first, CODES.get(form)));
        }
    }
}
