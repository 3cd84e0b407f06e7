//! Bounds on template work, so a theme or shortcode template that a school
//! wrote can not take helder down.
//!
//! Tera renders includes and macro calls by recursion on the native stack and
//! has no limit of its own: a template that includes itself overflows the
//! stack and aborts the whole process, and a loop of a hundred million steps
//! runs for minutes. Two defences, since Tera offers no hook for either:
//!
//! - When the theme is loaded, the include and macro-call graph is searched
//!   for cycles. An include cycle, or a macro cycle with no `if` or `for` on
//!   the way, can never end: an error naming the template (so `helder check`
//!   finds it without rendering anything).
//! - Every template is given a small call at the start of each loop step,
//!   macro body and include (a node added to Tera's public syntax tree). The
//!   call counts depth and steps and looks at the clock, and stops the render
//!   with an error when a limit is reached, long before the stack runs out.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Tera, Value};

use crate::msg;

/// How much work one render may do.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Nested includes and macro calls. A menu tree nests a few levels; Tera
    /// uses a few kilobytes of stack per level, so this stays far below the
    /// 2 MiB of a worker thread.
    pub depth: usize,
    /// Loop steps, macro calls and includes (and the length of a `range()`).
    /// The search page of a 50,000-page school takes a few hundred thousand.
    pub steps: u64,
    /// Wall time.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            depth: 40,
            steps: 5_000_000,
            time: Duration::from_secs(20),
        }
    }
}

/// Size of one rendered file; checked after the render.
pub(super) const MAX_OUTPUT: usize = 64 * 1024 * 1024;

const ENTER: &str = "__helder_enter";
const LEAVE: &str = "__helder_leave";

#[derive(Clone, Copy)]
struct Budget {
    limits: Limits,
    depth: usize,
    steps: u64,
    started: Instant,
}

thread_local! {
    static BUDGET: Cell<Option<Budget>> = const { Cell::new(None) };
}

/// Runs one render with a fresh budget (renders on one thread never nest:
/// shortcodes are rendered before the page template).
pub(super) fn within_budget<T>(limits: Limits, render: impl FnOnce() -> T) -> T {
    let before = BUDGET.with(|b| {
        b.replace(Some(Budget {
            limits,
            depth: 0,
            steps: 0,
            started: Instant::now(),
        }))
    });
    let result = render();
    BUDGET.with(|b| b.set(before));
    result
}

fn step(enter: bool) -> tera::Result<Value> {
    BUDGET.with(|cell| {
        let Some(mut budget) = cell.get() else {
            return Ok(Value::String(String::new()));
        };
        if enter {
            budget.depth += 1;
            budget.steps += 1;
        } else {
            budget.depth = budget.depth.saturating_sub(1);
        }
        cell.set(Some(budget));
        let limits = budget.limits;
        if budget.depth > limits.depth {
            return Err(tera::Error::msg(msg!(
                "thema.te-diep",
                lagen = limits.depth
            )));
        }
        if budget.steps > limits.steps {
            return Err(too_much_work(limits.steps));
        }
        if budget.steps % 1024 == 0 && budget.started.elapsed() > limits.time {
            return Err(tera::Error::msg(msg!(
                "thema.te-lang",
                seconden = limits.time.as_secs()
            )));
        }
        Ok(Value::String(String::new()))
    })
}

fn too_much_work(steps: u64) -> tera::Error {
    tera::Error::msg(msg!("thema.te-veel-werk", stappen = steps))
}

/// Registers the counting functions and adds their calls to every template.
/// `range()` keeps Tera's own behaviour but refuses a range longer than the
/// step limit: Tera builds the whole list before the loop starts.
pub(super) fn instrument(tera: &mut Tera) {
    tera.register_function(ENTER, |_: &HashMap<String, Value>| step(true));
    tera.register_function(LEAVE, |_: &HashMap<String, Value>| step(false));
    if let Some(range) = tera.functions.get("range").cloned() {
        tera.register_function("range", move |args: &HashMap<String, Value>| {
            let number =
                |key: &str, default: u64| args.get(key).and_then(Value::as_u64).unwrap_or(default);
            let (start, end, step_by) =
                (number("start", 0), number("end", 0), number("step_by", 1));
            let length = end.saturating_sub(start) / step_by.max(1);
            let limit = BUDGET.with(|b| b.get().map(|b| b.limits.steps));
            match limit {
                Some(limit) if length > limit => Err(too_much_work(limit)),
                _ => range.call(args),
            }
        });
    }
    for template in tera.templates.values_mut() {
        instrument_nodes(&mut template.ast);
        for definition in template.macros.values_mut() {
            instrument_nodes(&mut definition.body);
            definition.body.insert(0, call(ENTER));
            definition.body.push(call(LEAVE));
        }
        for block in template.blocks.values_mut() {
            instrument_nodes(&mut block.body);
        }
        for chain in template.blocks_definitions.values_mut() {
            for (_, block) in chain.iter_mut() {
                instrument_nodes(&mut block.body);
            }
        }
    }
}

fn call(name: &str) -> Node {
    Node::VariableBlock(
        WS::default(),
        Expr::new(ExprVal::FunctionCall(FunctionCall {
            name: name.to_string(),
            args: HashMap::new(),
        })),
    )
}

fn instrument_nodes(nodes: &mut Vec<Node>) {
    let mut out = Vec::with_capacity(nodes.len());
    for mut node in nodes.drain(..) {
        match &mut node {
            Node::Include(..) => {
                out.push(call(ENTER));
                out.push(node);
                out.push(call(LEAVE));
                continue;
            }
            Node::Forloop(_, forloop, _) => {
                instrument_nodes(&mut forloop.body);
                // Counted as a step, then undone: a loop step is work, not depth.
                forloop.body.insert(0, call(LEAVE));
                forloop.body.insert(0, call(ENTER));
                if let Some(body) = &mut forloop.empty_body {
                    instrument_nodes(body);
                }
            }
            Node::If(branches, _) => {
                for (_, _, body) in &mut branches.conditions {
                    instrument_nodes(body);
                }
                if let Some((_, body)) = &mut branches.otherwise {
                    instrument_nodes(body);
                }
            }
            Node::Block(_, block, _) => instrument_nodes(&mut block.body),
            Node::FilterSection(_, section, _) => instrument_nodes(&mut section.body),
            Node::MacroDefinition(_, definition, _) => instrument_nodes(&mut definition.body),
            _ => {}
        }
        out.push(node);
    }
    *nodes = out;
}

/// A place in the include and macro graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Template(String),
    Macro { file: String, name: String },
}

impl Place {
    fn describe(&self) -> String {
        match self {
            Place::Template(name) => format!("\"{name}\""),
            Place::Macro { file, name } => msg!("thema.macro-in", naam = name, bestand = file),
        }
    }
    fn template(&self) -> &str {
        match self {
            Place::Template(name) | Place::Macro { file: name, .. } => name,
        }
    }
}

/// An edge of the graph; `certain` when no `if` or `for` stands in between,
/// so the call happens whenever its caller runs.
struct Edge {
    to: Place,
    certain: bool,
    include: bool,
}

/// Cycles that can never end: any include cycle, and macro cycles whose
/// every call is certain. Each as (template name, message).
pub(super) fn endless_cycles(tera: &Tera) -> Vec<(String, String)> {
    let mut graph: BTreeMap<Place, Vec<Edge>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let namespaces: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, ns)| (ns.as_str(), file.as_str()))
            .collect();
        let resolve = |namespace: &str| -> String {
            if namespace == "self" {
                name.clone()
            } else {
                namespaces
                    .get(namespace)
                    .map(|f| f.to_string())
                    .unwrap_or_default()
            }
        };
        let mut edges = Vec::new();
        collect(&template.ast, true, &resolve, &mut edges);
        for block in template.blocks.values() {
            collect(&block.body, true, &resolve, &mut edges);
        }
        graph.insert(Place::Template(name.clone()), edges);
        for (macro_name, definition) in &template.macros {
            let mut edges = Vec::new();
            collect(&definition.body, true, &resolve, &mut edges);
            graph.insert(
                Place::Macro {
                    file: name.clone(),
                    name: macro_name.clone(),
                },
                edges,
            );
        }
    }
    let mut found = Vec::new();
    let mut reported = std::collections::BTreeSet::new();
    for start in graph.keys() {
        if let Some(path) = cycle_from(&graph, start) {
            let mut members: Vec<&Place> = path.iter().collect();
            members.sort();
            if !reported.insert(members.iter().map(|p| p.describe()).collect::<Vec<_>>()) {
                continue;
            }
            let chain: Vec<String> = path.iter().map(Place::describe).collect();
            let message = if path.len() == 1 {
                msg!("thema.roept-zichzelf", plek = path[0].describe())
            } else {
                msg!("thema.kring", plekken = chain.join(" → "))
            };
            found.push((start.template().to_string(), message));
        }
    }
    found
}

/// A cycle back to `start` along edges that can never end it.
fn cycle_from(graph: &BTreeMap<Place, Vec<Edge>>, start: &Place) -> Option<Vec<Place>> {
    fn walk(
        graph: &BTreeMap<Place, Vec<Edge>>,
        start: &Place,
        at: &Place,
        path: &mut Vec<Place>,
        seen: &mut std::collections::BTreeSet<Place>,
    ) -> bool {
        for edge in graph.get(at).into_iter().flatten() {
            // Includes take no arguments, so a cycle through one can only
            // end through a loop variable; macro cycles end through an `if`.
            if !(edge.include || edge.certain) {
                continue;
            }
            if &edge.to == start {
                return true;
            }
            if seen.insert(edge.to.clone()) {
                path.push(edge.to.clone());
                if walk(graph, start, &edge.to, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.clone()];
    let mut seen = std::collections::BTreeSet::new();
    walk(graph, start, start, &mut path, &mut seen).then_some(path)
}

fn collect(nodes: &[Node], certain: bool, resolve: &dyn Fn(&str) -> String, edges: &mut Vec<Edge>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => {
                for name in names {
                    edges.push(Edge {
                        to: Place::Template(name.clone()),
                        certain,
                        include: true,
                    });
                }
            }
            Node::VariableBlock(_, expr) => macro_calls(expr, certain, resolve, edges),
            Node::Set(_, set) => macro_calls(&set.value, certain, resolve, edges),
            Node::Forloop(_, forloop, _) => {
                macro_calls(&forloop.container, certain, resolve, edges);
                collect(&forloop.body, false, resolve, edges);
                if let Some(body) = &forloop.empty_body {
                    collect(body, false, resolve, edges);
                }
            }
            Node::If(branches, _) => {
                for (n, (_, condition, body)) in branches.conditions.iter().enumerate() {
                    // The first condition is always evaluated.
                    macro_calls(condition, certain && n == 0, resolve, edges);
                    collect(body, false, resolve, edges);
                }
                if let Some((_, body)) = &branches.otherwise {
                    collect(body, false, resolve, edges);
                }
            }
            Node::Block(_, block, _) => collect(&block.body, certain, resolve, edges),
            Node::FilterSection(_, section, _) => collect(&section.body, certain, resolve, edges),
            _ => {}
        }
    }
}

fn macro_calls(
    expr: &Expr,
    certain: bool,
    resolve: &dyn Fn(&str) -> String,
    edges: &mut Vec<Edge>,
) {
    match &expr.val {
        ExprVal::MacroCall(call) => {
            edges.push(Edge {
                to: Place::Macro {
                    file: resolve(&call.namespace),
                    name: call.name.clone(),
                },
                certain,
                include: false,
            });
            for arg in call.args.values() {
                macro_calls(arg, certain, resolve, edges);
            }
        }
        ExprVal::FunctionCall(call) => {
            for arg in call.args.values() {
                macro_calls(arg, certain, resolve, edges);
            }
        }
        ExprVal::Array(items) => {
            for item in items {
                macro_calls(item, certain, resolve, edges);
            }
        }
        ExprVal::Math(m) => {
            macro_calls(&m.lhs, certain, resolve, edges);
            macro_calls(&m.rhs, certain, resolve, edges);
        }
        // `a and b`, `a or b`: the right side may be skipped.
        ExprVal::Logic(l) => {
            macro_calls(&l.lhs, certain, resolve, edges);
            macro_calls(&l.rhs, false, resolve, edges);
        }
        _ => {}
    }
    for filter in &expr.filters {
        for arg in filter.args.values() {
            macro_calls(arg, certain, resolve, edges);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        tera
    }

    fn render(tera: &Tera, name: &str) -> Result<String, String> {
        let limits = Limits {
            steps: 100_000,
            ..Limits::default()
        };
        within_budget(limits, || tera.render(name, &tera::Context::new())).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            message
        })
    }

    #[test]
    fn a_template_that_includes_itself_is_found_without_rendering() {
        let tera = tera(&[("page.html", "a{% include \"page.html\" %}")]);
        let cycles = endless_cycles(&tera);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert_eq!(cycles[0].0, "page.html");
        assert!(cycles[0].1.contains("roept zichzelf aan"), "{cycles:?}");
    }

    #[test]
    fn two_templates_including_each_other_are_one_cycle() {
        let tera = tera(&[
            ("a.html", "{% if x %}{% include \"b.html\" %}{% endif %}"),
            ("b.html", "{% include \"a.html\" %}"),
        ]);
        let cycles = endless_cycles(&tera);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].1.contains("in een kring"), "{cycles:?}");
    }

    #[test]
    fn a_macro_that_always_calls_itself_is_found_and_a_guarded_one_is_not() {
        let endless = tera(&[(
            "m.html",
            "{% macro m(n) %}{{ self::m(n=n) }}{% endmacro %}{{ self::m(n=1) }}",
        )]);
        let cycles = endless_cycles(&endless);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert!(cycles[0].1.contains("macro m"), "{cycles:?}");

        let guarded = tera(&[(
            "m.html",
            "{% macro m(n) %}{% if n > 0 %}{{ self::m(n=n-1) }}{% endif %}{% endmacro %}",
        )]);
        assert!(endless_cycles(&guarded).is_empty());
    }

    #[test]
    fn deep_recursion_stops_with_an_error_instead_of_overflowing_the_stack() {
        let mut tera = tera(&[(
            "m.html",
            "{% macro m(n) %}{% if n > 0 %}x{{ self::m(n=n-1) }}{% endif %}{% endmacro %}{{ self::m(n=100000) }}",
        )]);
        instrument(&mut tera);
        // A worker thread's stack, as in a build.
        let error = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || render(&tera, "m.html"))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert!(error.contains("lagen diep"), "{error}");
    }

    #[test]
    fn shallow_recursion_and_loops_still_render() {
        let mut tera = tera(&[(
            "m.html",
            "{% macro m(n) %}{% if n > 0 %}{{ n }}{{ self::m(n=n-1) }}{% endif %}{% endmacro %}{{ self::m(n=5) }}|{% for i in range(end=3) %}{{ i }}{% endfor %}",
        )]);
        instrument(&mut tera);
        assert_eq!(render(&tera, "m.html").unwrap(), "54321|012");
    }

    #[test]
    fn a_runaway_loop_is_stopped() {
        // A hundred million steps: refused before Tera builds the list.
        let mut tera = tera(&[
            ("range.html", "{% for i in range(end=100000000) %}x{% endfor %}"),
            (
                "nested.html",
                "{% for i in range(end=1000) %}{% for j in range(end=1000) %}x{% endfor %}{% endfor %}",
            ),
        ]);
        instrument(&mut tera);
        let error = render(&tera, "range.html").unwrap_err();
        assert!(error.contains("te veel werk"), "{error}");
        // A million steps in short loops: stopped by counting.
        let error = render(&tera, "nested.html").unwrap_err();
        assert!(error.contains("te veel werk"), "{error}");
    }
}
