//! Short names of a form's rows, as a reviewer reads them in an equation or a list: a row by its
//! number (`一` of `一、本年新收…`, `（七）` of `（七）总计`, `（三）1.` of a numbered item under
//! `（三）不予公开`), never by its key. [`Form::row_number`] gives it.

use super::{Form, TableId};

/// The number of a row label: `一` of `一、…`, `（七）` of `（七）总计`, `1.` of `1.属于…`.
fn ordinal(label: &str) -> &str {
    if let Some(i) = label.find('、') {
        return label.get(..i).unwrap_or(label);
    }
    if label.starts_with('（')
        && let Some(i) = label.find('）')
    {
        return label.get(..i + '）'.len_utf8()).unwrap_or(label);
    }
    if let Some(i) = label.find('.') {
        return label.get(..=i).unwrap_or(label);
    }
    label
}

impl Form {
    /// The short name of table `table`'s row `row` by its printed number (`一`, `（七）`,
    /// `（三）1.`: a numbered item under a group row is named with its group); its whole label
    /// when it has no number; `None` when the form has no such row.
    ///
    /// # Example
    /// ```
    /// use gouji::template::{FORM_2021, TableId};
    /// assert_eq!(FORM_2021.row_number(TableId::Requests, "total").as_deref(), Some("（七）"));
    /// assert_eq!(FORM_2021.row_number(TableId::Requests, "denied_1").as_deref(), Some("（三）1."));
    /// assert_eq!(FORM_2021.row_number(TableId::Requests, "received").as_deref(), Some("一"));
    /// ```
    pub fn row_number(&self, table: TableId, row: &str) -> Option<String> {
        let rows = self.table(table).rows;
        let def = self.table(table).row(row)?;
        let group = rows
            .iter()
            .take_while(|r| r.key != def.key)
            .filter(|r| r.key.is_none() && r.depth + 1 == def.depth)
            .last();
        Some(match group {
            Some(g) if def.depth > 1 => format!("{}{}", ordinal(g.label), ordinal(def.label)),
            _ => ordinal(def.label).to_owned(),
        })
    }
}
