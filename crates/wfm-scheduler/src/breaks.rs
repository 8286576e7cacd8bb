//! Concrete break placement: each break of the shift's rule goes where the agent's productive
//! time is worth least (where staffing is highest), never on a fixed activity.

use crate::candidates::Candidate;
use crate::plan::PlacedBreak;
use crate::prepare::Prepared;

/// Places the breaks of `c`; `value[t]` is what the agent's work at `t` is worth.
///
/// Break windows are ordered and spaced (checked on input), so each break is chosen alone.
pub(crate) fn place(prep: &Prepared<'_>, c: &Candidate, value: &[f64]) -> Vec<PlacedBreak> {
    let fixed = &prep.agents[c.agent].fixed;
    let Some(slots) = prep.rule_for(c.len) else {
        return Vec::new();
    };
    slots
        .iter()
        .filter_map(|s| {
            (s.earliest..=s.latest)
                .map(|o| c.start + o)
                .filter(|&b| (b..b + s.len).all(|t| !fixed[t]))
                .map(|b| (b, (b..b + s.len).map(|t| value[t]).sum::<f64>()))
                .min_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)))
                .map(|(b, _)| PlacedBreak {
                    kind: s.kind,
                    start: b,
                    len: s.len,
                })
        })
        .collect()
}
