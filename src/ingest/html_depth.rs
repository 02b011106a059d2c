//! Parsing an HTML page under the budget: html5ever fed in chunks, its tree depth watched.
//!
//! Owns [`parse`]. html5ever's tree builder scans its stack of open elements for many tags, so
//! its time grows with the square of the nesting depth (100,000 nested `<div>` take about a
//! minute), and every element is a tree node (a 20 MB page of table rows is gigabytes once
//! expanded). [`DepthSink`] wraps scraper's tree sink, records the depth of every element
//! appended and counts elements and table cells; the page is fed in chunks and refused as soon
//! as the depth passes [`MAX_NESTING`](super::MAX_NESTING), the elements
//! [`MAX_ELEMENTS`](super::MAX_ELEMENTS), the cells [`MAX_TABLE_CELLS`](super::MAX_TABLE_CELLS)
//! or the deadline passes, so at most one chunk is parsed beyond any of them. It does not walk the finished tree: that is [`html`](super::html)'s job.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink as _};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::IngestError;
use super::budget::{Budget, Limit};

/// Bytes of page source fed to the parser between two checks of the budget.
const CHUNK: usize = 16 * 1024;

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Parses `source` as an HTML document within `budget`.
pub(crate) fn parse(source: &str, budget: &mut Budget) -> Result<Html, IngestError> {
    let counts = Rc::new(Counts::default());
    let sink = DepthSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        depths: RefCell::new(HashMap::new()),
        counts: Rc::clone(&counts),
    };
    let (mut elements, mut cells) = (0, 0);
    let mut parser = html5ever::parse_document(sink, Default::default());
    let mut rest = source;
    while !rest.is_empty() {
        let cut = rest.floor_char_boundary(CHUNK.min(rest.len()));
        // A chunk of less than one character (never with CHUNK > 4) takes the whole char.
        let cut = if cut == 0 { rest.len() } else { cut };
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        budget.depth(u64::from(counts.deepest.get()))?;
        budget.spend(Limit::TableCells, counts.cells.get() - cells)?;
        budget.spend(Limit::Elements, counts.elements.get() - elements)?;
        (elements, cells) = (counts.elements.get(), counts.cells.get());
        budget.check_time()?;
        rest = tail;
    }
    Ok(parser.finish())
}

/// What the sink has seen so far, shared with [`parse`].
#[derive(Default)]
struct Counts {
    /// The deepest element.
    deepest: Cell<u32>,
    /// Elements created.
    elements: Cell<u64>,
    /// `td` and `th` elements created (table cells; each is paid for again when expanded).
    cells: Cell<u64>,
}

/// scraper's tree sink, recording how deep each element sits.
struct DepthSink {
    inner: HtmlTreeSink,
    /// Depth of each element appended so far (the document is 0).
    depths: RefCell<HashMap<Handle, u32>>,
    counts: Rc<Counts>,
}

impl DepthSink {
    /// Records that `child` now sits one below `parent`.
    fn placed(&self, parent: &Handle, child: &NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(child) = child {
            let mut depths = self.depths.borrow_mut();
            let depth = depths.get(parent).copied().unwrap_or(0).saturating_add(1);
            depths.insert(*child, depth);
            self.counts
                .deepest
                .set(self.counts.deepest.get().max(depth));
        }
    }

    /// Records that `node` sits where `sibling` sits.
    fn beside(&self, sibling: &Handle, node: &NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(node) = node {
            let mut depths = self.depths.borrow_mut();
            let depth = depths.get(sibling).copied().unwrap_or(1);
            depths.insert(*node, depth);
        }
    }
}

impl TreeSink for DepthSink {
    type Handle = Handle;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let counts = &self.counts;
        counts.elements.set(counts.elements.get() + 1);
        if matches!(&*name.local, "td" | "th") {
            counts.cells.set(counts.cells.get() + 1);
        }
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.placed(parent, &child);
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let parent = if self.depths.borrow().contains_key(element) {
            element
        } else {
            prev_element
        };
        self.placed(parent, &child);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &Handle) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.beside(sibling, &new_node);
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        template: &Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_and_shallow_pages_parse() {
        let deep = "<div>".repeat(super::super::MAX_NESTING as usize + 10);
        let err = parse(&deep, &mut Budget::new()).unwrap_err();
        assert!(matches!(err, IngestError::Budget { .. }), "{err}");
        let page = "<p>一</p>".repeat(10_000);
        assert!(parse(&page, &mut Budget::new()).is_ok());
        let cells = "<td>1".repeat(super::super::MAX_TABLE_CELLS as usize + 1);
        let err = parse(&format!("<table><tr>{cells}</table>"), &mut Budget::new()).unwrap_err();
        assert!(err.to_string().starts_with("too many table cells"), "{err}");
    }
}
