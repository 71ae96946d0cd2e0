use super::full::link_all;
use super::incremental::Linker;
use super::memory::MemState;
use super::*;
use crate::extract::Resources;
use crate::model::{Curation, EntityType};

fn res() -> &'static Resources {
    Resources::global().expect("schema loads")
}

fn nodes(text: &str) -> Vec<Node> {
    nodes_of(&crate::extract::extract(text, res(), Default::default()))
}

/// Adds documents (name, text) in one batch.
fn add(state: &mut MemState<'_>, docs: &[(&str, &str)], curations: &[Curation]) {
    let parsed: Vec<(String, Vec<Node>)> = docs
        .iter()
        .map(|(n, t)| (n.to_string(), nodes(t)))
        .collect();
    add_nodes(state, &parsed, curations, false);
}

fn add_nodes(
    state: &mut MemState<'_>,
    docs: &[(String, Vec<Node>)],
    curations: &[Curation],
    curations_changed: bool,
) {
    let mut done = Vec::new();
    {
        let mut l = Linker::new(state, &res().gazetteer, curations);
        l.curations_changed = curations_changed;
        for (name, ns) in docs {
            let ids = l.add_doc(name, ns).expect("add");
            done.push((
                name.clone(),
                ns.iter().cloned().zip(ids).collect::<Vec<_>>(),
            ));
        }
        l.finish().expect("finish");
    }
    for (name, v) in done {
        state.docs.insert(name, v);
    }
}

fn remove(state: &mut MemState<'_>, names: &[&str], curations: &[Curation]) {
    let gone: Vec<(String, Vec<(Node, GroupId)>)> = names
        .iter()
        .filter_map(|n| state.docs.remove(*n).map(|v| (n.to_string(), v)))
        .collect();
    let mut l = Linker::new(state, &res().gazetteer, curations);
    for (name, v) in &gone {
        let (ns, ids): (Vec<Node>, Vec<GroupId>) = v.iter().cloned().unzip();
        l.remove_doc(name, &ns, &ids).expect("remove");
    }
    l.finish().expect("finish");
}

/// Entities with ids replaced by the keys of their groups (comparable across runs).
fn canonical(state: &MemState<'_>) -> Vec<String> {
    let all = state.all_entities();
    let mut v: Vec<String> = all
        .values()
        .map(|e| {
            let mut keys: Vec<&str> = e
                .groups
                .iter()
                .filter_map(|g| state.groups.get(g).map(|g| g.key.as_str()))
                .collect();
            keys.sort();
            format!(
                "{keys:?} {} {} {} {:?} {:?} {:?} {} {} {:?}",
                e.name,
                e.etype,
                e.key,
                e.gazetteer_id,
                e.aliases,
                e.titles,
                e.mentions,
                e.nodes,
                e.known
            )
        })
        .collect();
    v.sort();
    v
}

/// The state agrees with linking from scratch over its groups: same links, cores and
/// entities, ids included.
fn assert_matches_full(state: &MemState<'_>, curations: &[Curation]) {
    let groups: std::collections::HashMap<GroupId, Group> =
        state.groups.iter().map(|(k, v)| (*k, v.clone())).collect();
    let out = link_all(groups, curations, &res().gazetteer);
    for (id, g) in &state.groups {
        let f = &out.groups[id];
        assert_eq!(
            (&g.links, g.core, g.auto, g.entity),
            (&f.links, f.core, f.auto, f.entity),
            "group {} ({})",
            id,
            g.key
        );
    }
    let all = state.all_entities();
    let mine: Vec<&EntityDraft> = all.values().collect();
    let full: Vec<&EntityDraft> = out.entities.iter().collect();
    assert_eq!(mine, full);
    let cores = state.all_cores();
    let cores: Vec<&Core> = cores.values().collect();
    assert_eq!(cores, out.cores.iter().collect::<Vec<_>>());
    // every group's index entries are exactly those of its current state
    for ix in Index::ALL {
        if ix == Index::LinkedFrom {
            continue;
        }
        let mut want: std::collections::BTreeSet<(String, GroupId)> = Default::default();
        for g in state.groups.values() {
            for k in index_keys(g, ix, &res().gazetteer) {
                want.insert((k, g.id));
            }
        }
        let have: std::collections::BTreeSet<(String, GroupId)> = state
            .indexes
            .iter()
            .filter(|((i, _), _)| *i == ix)
            .flat_map(|((_, k), s)| s.iter().map(move |g| (k.clone(), *g)))
            .collect();
        assert_eq!(have, want, "index {ix:?}");
    }
}

/// Documents that exercise every rule: gazetteer names, typos, short forms, acronyms,
/// family-name-first names, namesakes.
const DOCS: &[(&str, &str)] = &[
    (
        "a.txt",
        "Laura Kowalski said the plan works. Kowalski left early.",
    ),
    (
        "b.txt",
        "Laura Kowalski spoke on Monday. Laura Kowalski thanked the staff.",
    ),
    (
        "c.txt",
        "Laura Kowlaski said maybe. The Harbor Morning Post reported it.",
    ),
    (
        "d.txt",
        "According to HMP the talks failed. Later Kowalski agreed.",
    ),
    (
        "e.txt",
        "Oren Halvorsen spoke on Monday. American diplomats left.",
    ),
    (
        "f.txt",
        "Later Halvorsen said more. Washington rejected the offer.",
    ),
    (
        "g.txt",
        "Kim Dae-sung met Choi Min-jae in Seoul. Kim said the meeting was useful.",
    ),
    ("h.txt", "Kim Dae Sung said yes. Choi Min-hae said no."),
    (
        "i.txt",
        "Laura Halvorsen spoke on Tuesday about the Baltic Shipping Union.",
    ),
    (
        "j.txt",
        "The U.S. envoy spoke. She arrived in Washington on Friday.",
    ),
    (
        "k.txt",
        "Minister Tal Ferro left Oslo. Ferro said the talks would go on.",
    ),
    (
        "l.txt",
        "The Baltic Shipping Union said BSU members would strike. Tal Ferro agreed.",
    ),
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[test]
fn one_batch_matches_linking_from_scratch() {
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, DOCS, &[]);
    assert_matches_full(&s, &[]);
}

/// The order/batching property: any order, any batching, the same entities.
#[test]
fn any_order_and_batching_gives_the_same_entities() {
    let mut one = MemState::new(&res().gazetteer);
    add(&mut one, DOCS, &[]);
    let want = canonical(&one);
    for seed in 1..=12u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut docs: Vec<(&str, &str)> = DOCS.to_vec();
        rng.shuffle(&mut docs);
        let mut s = MemState::new(&res().gazetteer);
        let mut i = 0;
        while i < docs.len() {
            let n = 1 + (rng.next() % 4) as usize;
            let end = (i + n).min(docs.len());
            add(&mut s, &docs[i..end], &[]);
            assert_matches_full(&s, &[]);
            i = end;
        }
        assert_eq!(canonical(&s), want, "seed {seed}");
    }
}

#[test]
fn removing_documents_gives_what_a_fresh_run_without_them_gives() {
    for seed in 1..=8u64 {
        let mut rng = Rng(seed * 31 + 7);
        let mut s = MemState::new(&res().gazetteer);
        add(&mut s, DOCS, &[]);
        let mut names: Vec<&str> = DOCS.iter().map(|d| d.0).collect();
        rng.shuffle(&mut names);
        let k = 1 + (rng.next() % 6) as usize;
        let (gone, kept) = names.split_at(k);
        remove(&mut s, gone, &[]);
        assert_matches_full(&s, &[]);
        let mut fresh = MemState::new(&res().gazetteer);
        let rest: Vec<(&str, &str)> = DOCS
            .iter()
            .filter(|d| kept.contains(&d.0))
            .copied()
            .collect();
        add(&mut fresh, &rest, &[]);
        assert_eq!(
            canonical(&s),
            canonical(&fresh),
            "seed {seed}, removed {gone:?}"
        );
    }
}

fn curations() -> Vec<Curation> {
    vec![
        Curation::Merge {
            into: "Laura Kowalski".into(),
            from: "Oren Halvorsen".into(),
        },
        Curation::Split {
            entity: "Laura Kowalski".into(),
            aliases: vec!["Oren Halvorsen".into()],
        },
        Curation::Alias {
            alias: "Tal Ferro".into(),
            entity: "Laura Halvorsen".into(),
        },
        Curation::Rename {
            entity: "Baltic Shipping Union".into(),
            name: "Baltic Shippers".into(),
        },
        Curation::Type {
            entity: "Baltic Shippers".into(),
            etype: EntityType::Location,
        },
    ]
}

#[test]
fn curations_apply_the_same_in_any_order_and_batching() {
    let cs = curations();
    let mut one = MemState::new(&res().gazetteer);
    add(&mut one, DOCS, &cs);
    assert_matches_full(&one, &cs);
    let want = canonical(&one);
    for seed in 1..=8u64 {
        let mut rng = Rng(seed * 1_000_003);
        let mut docs: Vec<(&str, &str)> = DOCS.to_vec();
        rng.shuffle(&mut docs);
        let mut s = MemState::new(&res().gazetteer);
        for chunk in docs.chunks(1 + (seed as usize % 3)) {
            add(&mut s, chunk, &cs);
            assert_matches_full(&s, &cs);
        }
        assert_eq!(canonical(&s), want, "seed {seed}");
    }
}

#[test]
fn changing_the_curations_relinks_what_they_reach() {
    let cs = curations();
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, DOCS, &[]);
    // curations added later
    add_nodes(&mut s, &[], &cs, true);
    assert_matches_full(&s, &cs);
    // and all taken back
    add_nodes(&mut s, &[], &[], true);
    assert_matches_full(&s, &[]);
    let mut fresh = MemState::new(&res().gazetteer);
    add(&mut fresh, DOCS, &[]);
    assert_eq!(canonical(&s), canonical(&fresh));
}

fn entity_of(s: &MemState<'_>, surface: &str) -> Option<EntityDraft> {
    s.all_entities()
        .into_values()
        .find(|e| e.aliases.iter().any(|a| a.surface == surface))
}

fn same(s: &MemState<'_>, a: &str, b: &str) -> bool {
    match (entity_of(s, a), entity_of(s, b)) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => false,
    }
}

fn rule(s: &MemState<'_>, surface: &str) -> String {
    entity_of(s, surface)
        .and_then(|e| e.aliases.into_iter().find(|a| a.surface == surface))
        .map(|a| a.rule)
        .unwrap_or_default()
}

#[test]
fn normalised_names_join_across_documents() {
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "Kim Dae-sung spoke on Monday."),
            ("b", "Kim Dae Sung spoke again."),
        ],
        &[],
    );
    assert!(same(&s, "Kim Dae-sung", "Kim Dae Sung"));
    let e = entity_of(&s, "Kim Dae Sung").expect("entity");
    let other = if e.name == "Kim Dae Sung" {
        "Kim Dae-sung"
    } else {
        "Kim Dae Sung"
    };
    assert_eq!(rule(&s, other), "normalised");
    assert_eq!(rule(&s, &e.name), "exact");
}

#[test]
fn a_typo_joins_the_more_frequent_spelling() {
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "Laura Kowalski said yes. Laura Kowalski left."),
            ("b", "Laura Kowalski said no."),
            ("c", "Laura Kowlaski said maybe."),
        ],
        &[],
    );
    assert!(same(&s, "Laura Kowalski", "Laura Kowlaski"));
    assert_eq!(rule(&s, "Laura Kowlaski"), "typo:transposition");
    assert_eq!(
        entity_of(&s, "Laura Kowlaski").map(|e| e.name),
        Some("Laura Kowalski".to_string())
    );
    // near misses: a short part, a family-name-first given name
    for pair in [
        ("Laura Kent said yes.", "Laura Kant said no."),
        ("Choi Min-jae said yes.", "Choi Min-hae said no."),
        ("Choi Jae-myung said yes.", "Choi Jae-woong said no."),
    ] {
        let mut s = MemState::new(&res().gazetteer);
        add(&mut s, &[("a", pair.0), ("b", pair.1)], &[]);
        let x = pair.0.trim_end_matches(" said yes.");
        let y = pair.1.trim_end_matches(" said no.");
        assert!(!same(&s, x, y), "{x} / {y}");
    }
}

#[test]
fn a_bare_surname_joins_only_when_unambiguous() {
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "Oren Halvorsen spoke on Monday."),
            ("b", "Later Halvorsen said more."),
        ],
        &[],
    );
    assert!(same(&s, "Oren Halvorsen", "Halvorsen"));
    assert_eq!(rule(&s, "Halvorsen"), "surname-reuse");
    // a second Halvorsen arrives: the bare surname goes back to an entity of its own
    add(&mut s, &[("c", "Laura Halvorsen spoke on Tuesday.")], &[]);
    assert!(!same(&s, "Oren Halvorsen", "Halvorsen"));
    assert!(!same(&s, "Laura Halvorsen", "Halvorsen"));
    assert_matches_full(&s, &[]);
}

#[test]
fn the_gazetteer_joins_every_form_of_a_country() {
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "American diplomats left."),
            ("b", "Later Washington rejected the offer."),
            ("c", "The U.S. envoy spoke."),
        ],
        &[],
    );
    assert!(same(&s, "American", "Washington"));
    assert!(same(&s, "American", "U.S."));
    let e = entity_of(&s, "American").expect("entity");
    assert_eq!(e.key, "country:US");
    assert_eq!(e.name, "United States");
    assert_eq!(rule(&s, "American"), "gazetteer:demonym");
    // the capital as a place is its own entity
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "The U.S. envoy spoke."),
            ("b", "She arrived in Washington on Friday."),
        ],
        &[],
    );
    assert!(!same(&s, "U.S.", "Washington"));
}

#[test]
fn an_acronym_joins_the_one_organization_it_spells() {
    let mut s = MemState::new(&res().gazetteer);
    add(
        &mut s,
        &[
            ("a", "The Harbor Morning Post reported it."),
            ("b", "According to HMP the talks failed."),
        ],
        &[],
    );
    assert!(same(&s, "Harbor Morning Post", "HMP"));
    assert_eq!(rule(&s, "HMP"), "acronym");
}

#[test]
fn curations_merge_split_alias_rename_type() {
    let docs = [
        ("a", "Laura Santos spoke on Monday."),
        ("b", "Oren Balik spoke on Tuesday."),
        ("c", "Minister Tal Ferro left."),
    ];
    let merge = Curation::Merge {
        into: "Laura Santos".into(),
        from: "Oren Balik".into(),
    };
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, &docs, std::slice::from_ref(&merge));
    assert!(same(&s, "Laura Santos", "Oren Balik"));
    assert_eq!(
        entity_of(&s, "Oren Balik").map(|e| e.name),
        Some("Laura Santos".to_string())
    );
    assert_eq!(rule(&s, "Oren Balik"), "curation");
    let split = Curation::Split {
        entity: "Laura Santos".into(),
        aliases: vec!["Oren Balik".into()],
    };
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, &docs, &[merge, split]);
    assert!(!same(&s, "Laura Santos", "Oren Balik"));
    let alias = Curation::Alias {
        alias: "Tal Ferro".into(),
        entity: "Laura Santos".into(),
    };
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, &docs, &[alias]);
    assert!(same(&s, "Laura Santos", "Tal Ferro"));
    let cs = [
        Curation::Rename {
            entity: "Tal Ferro".into(),
            name: "Tal Ferro-Amit".into(),
        },
        Curation::Type {
            entity: "Tal Ferro-Amit".into(),
            etype: EntityType::Organization,
        },
    ];
    let mut before = MemState::new(&res().gazetteer);
    add(&mut before, &docs, &[]);
    let mut s = MemState::new(&res().gazetteer);
    add(&mut s, &docs, &cs);
    let e = entity_of(&s, "Tal Ferro").expect("entity");
    assert_eq!(e.name, "Tal Ferro-Amit");
    assert_eq!(e.etype, EntityType::Organization);
    assert_eq!(
        Some(e.key.clone()),
        entity_of(&before, "Tal Ferro").map(|e| e.key.clone())
    );
}

#[test]
fn typo_buckets_pair_one_edit_apart_and_stay_apart_otherwise() {
    let share = |a: &str, b: &str| {
        let x = rules::typo_buckets(a);
        rules::typo_probes(b).iter().any(|k| x.contains(k))
    };
    assert!(share("laura kowalski", "laura kowlaski"), "transposition");
    assert!(share("laura kowalski", "laura kowalsky"), "substitution");
    assert!(share("laura kowalski", "laura kowalsk"), "deletion");
    assert!(share("laura kowalsk", "laura kowalski"), "insertion");
    assert!(
        share("laura kowalski", "laura owalski"),
        "first letter dropped"
    );
    assert!(
        share("laura kowalski", "laura bowalski"),
        "first letter changed"
    );
    // a word under five letters is never changed by a typo
    assert!(!share("laura kowalski", "lara kowalski"));
    // near misses: another first name, two edits, a short word
    assert!(!share("laura kowalski", "maria kowalsky"));
    // a bucket holds names of one shape only: a far spelling is no candidate
    assert!(!share("laura kowalski", "laura pietrzak"));
    assert!(
        rules::typo_buckets("laura kent")
            .iter()
            .all(|b| !b.starts_with("1|"))
    );
}

/// The articles kept in the repository (demo corpus, held-out set, fixtures).
fn repo_articles() -> Vec<(String, Vec<Node>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "docs/demo",
        "tests/holdout/articles",
        "tests/fixtures/linking",
        "tests/fixtures/articles",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let ok = p.extension().is_some_and(|e| e == "txt" || e == "md");
            if let (true, Ok(t)) = (ok, std::fs::read_to_string(&p)) {
                out.push((format!("{dir}/{}", p.display()), nodes(&t)));
            }
        }
    }
    out
}

/// The order/batching property over real articles, with documents removed and curations.
#[test]
fn real_articles_link_the_same_in_any_order_batching_and_after_removals() {
    let docs = repo_articles();
    assert!(docs.len() >= 20, "{} articles", docs.len());
    let cs = vec![Curation::Type {
        entity: docs[0]
            .1
            .first()
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        etype: EntityType::Other,
    }];
    for curations in [Vec::new(), cs] {
        let mut one = MemState::new(&res().gazetteer);
        add_nodes(&mut one, &docs, &curations, false);
        assert_matches_full(&one, &curations);
        let want = canonical(&one);
        for seed in 1..=4u64 {
            let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
            let mut order = docs.clone();
            rng.shuffle(&mut order);
            let mut s = MemState::new(&res().gazetteer);
            let mut i = 0;
            while i < order.len() {
                let end = (i + 1 + (rng.next() % 7) as usize).min(order.len());
                add_nodes(&mut s, &order[i..end], &curations, false);
                i = end;
            }
            assert_matches_full(&s, &curations);
            assert_eq!(canonical(&s), want, "seed {seed}");
            // remove a third, then add them back: the same again
            let gone: Vec<String> = order.iter().step_by(3).map(|d| d.0.clone()).collect();
            let refs: Vec<&str> = gone.iter().map(String::as_str).collect();
            remove(&mut s, &refs, &curations);
            assert_matches_full(&s, &curations);
            let back: Vec<(String, Vec<Node>)> = order
                .iter()
                .filter(|d| gone.contains(&d.0))
                .cloned()
                .collect();
            add_nodes(&mut s, &back, &curations, false);
            assert_matches_full(&s, &curations);
            assert_eq!(
                canonical(&s),
                want,
                "seed {seed} after removal and re-adding"
            );
        }
    }
}
