//! The infrastructure map: the graph drawn with the egui painter. Each
//! State's facilities cluster together (the seat's own in the middle);
//! colour and a pattern show service level (readable without colour),
//! glyphs show sectors, badges show detected compromise, backup power and
//! isolation; cross-border dependencies are orange. Drag to pan, scroll to
//! zoom, hover for details. The seat sees other States' facilities only
//! as the public sees them.

use detente_sim::game::Game;
use detente_sim::ids::{NodeId, StateId};
use detente_sim::world::infra::Edge;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

use super::widgets::{service_colour, state_colour};

#[derive(Clone, Debug)]
pub struct MapView {
    pub offset: Vec2,
    pub zoom: f32,
    /// Cached layout: (scenario id, seat, positions in world units).
    layout: Option<(String, Option<StateId>, Vec<Pos2>)>,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            offset: Vec2::ZERO,
            zoom: 1.0,
            layout: None,
        }
    }
}

/// A deterministic layout: State clusters on a ring (the seat's own in the
/// centre), then a short force-directed pass for small worlds.
pub fn layout(game: &Game, me: Option<StateId>) -> Vec<Pos2> {
    let w = &game.world;
    let n_states = w.states.len().max(1);
    let mut centres = vec![Pos2::ZERO; n_states];
    let others: Vec<usize> = (0..n_states)
        .filter(|&i| Some(StateId::from_index(i)) != me)
        .collect();
    let ring = 260.0 + 40.0 * n_states as f32;
    for (k, &i) in others.iter().enumerate() {
        let a = std::f32::consts::TAU * k as f32 / others.len().max(1) as f32
            - std::f32::consts::FRAC_PI_2;
        centres[i] = if me.is_none() && others.len() == 1 {
            Pos2::ZERO
        } else {
            pos2(ring * a.cos(), ring * a.sin())
        };
    }
    let mut by_state: Vec<Vec<NodeId>> = vec![Vec::new(); n_states];
    for (id, n) in w.infra.nodes() {
        by_state[n.owner.index()].push(id);
    }
    let mut pos = vec![Pos2::ZERO; w.infra.len()];
    for (s, nodes) in by_state.iter().enumerate() {
        let mut nodes = nodes.clone();
        nodes.sort_by_key(|&n| {
            let node = w.infra.node(n);
            (
                node.network.map(|x| x.0).unwrap_or(u16::MAX),
                node.sector,
                n,
            )
        });
        let mut ring_r = 0.0f32;
        let mut placed = 0usize;
        let mut capacity = 1usize;
        for n in nodes {
            if placed == capacity {
                ring_r += 70.0;
                placed = 0;
                capacity = ((std::f32::consts::TAU * ring_r) / 70.0).floor().max(1.0) as usize;
            }
            let a = std::f32::consts::TAU * placed as f32 / capacity as f32 + 0.3 * ring_r / 70.0;
            pos[n.index()] = centres[s] + vec2(ring_r * a.cos(), ring_r * a.sin());
            placed += 1;
        }
    }
    if w.infra.len() <= 400 {
        relax(game, &mut pos, &centres);
    }
    pos
}

/// A few rounds of spring forces along edges, repulsion between nodes and a
/// pull to the State's centre.
fn relax(game: &Game, pos: &mut [Pos2], centres: &[Pos2]) {
    let w = &game.world;
    let n = pos.len();
    let edges: Vec<(usize, usize)> = w
        .infra
        .edges()
        .map(|(a, b, _)| (a.index(), b.index()))
        .collect();
    let owners: Vec<usize> = (0..n)
        .map(|i| w.infra.node(NodeId(i as u32)).owner.index())
        .collect();
    for step in 0..150 {
        let t = 8.0 * (1.0 - step as f32 / 150.0) + 0.5;
        let mut force = vec![Vec2::ZERO; n];
        for i in 0..n {
            for j in (i + 1)..n {
                let d = pos[i] - pos[j];
                let dist2 = d.length_sq().max(25.0);
                let f = d * (6000.0 / dist2);
                force[i] += f;
                force[j] -= f;
            }
            force[i] += (centres[owners[i]] - pos[i]) * 0.02;
        }
        for &(a, b) in &edges {
            let d = pos[b] - pos[a];
            let same = owners[a] == owners[b];
            let f = d * if same { 0.02 } else { 0.002 };
            force[a] += f;
            force[b] -= f;
        }
        for i in 0..n {
            let f = force[i];
            let len = f.length();
            if len > 0.0 {
                pos[i] += f / len * len.min(t);
            }
        }
    }
}

fn radius(pop: f64) -> f32 {
    (7.0 + (pop.max(0.0) as f32).sqrt() / 90.0).clamp(7.0, 20.0)
}

/// Draw the map for a seat (`me`), or the whole region for an observer.
pub fn map(ui: &mut egui::Ui, game: &Game, me: Option<StateId>, view: &mut MapView) {
    let key = (game.scenario.id.clone(), me);
    if view
        .layout
        .as_ref()
        .is_none_or(|(id, m, p)| *id != key.0 || *m != key.1 || p.len() != game.world.infra.len())
    {
        view.layout = Some((key.0, key.1, layout(game, me)));
        view.offset = Vec2::ZERO;
    }
    let positions = view
        .layout
        .as_ref()
        .map(|(_, _, p)| p.clone())
        .unwrap_or_default();
    legend(ui);
    let size = ui.available_size().max(vec2(200.0, 200.0));
    let (response, painter) = ui.allocate_painter(size, Sense::click_and_drag());
    let rect = response.rect;
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    if response.dragged() {
        view.offset += response.drag_delta();
    }
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            let old = view.zoom;
            view.zoom = (view.zoom * (1.0 + scroll * 0.0015)).clamp(0.15, 4.0);
            if let Some(p) = response.hover_pos() {
                // Zoom around the pointer.
                let c = rect.center() + view.offset;
                let before = (p - c) / old;
                view.offset += (p - c) - before * view.zoom;
            }
        }
    }
    if response.double_clicked() {
        view.offset = Vec2::ZERO;
        view.zoom = 1.0;
    }
    // Fit the drawing to the panel at zoom 1.
    let bounds = positions.iter().fold(Rect::NOTHING, |r, p| {
        r.union(Rect::from_center_size(*p, vec2(1.0, 1.0)))
    });
    let fit = if bounds.is_positive() {
        ((rect.width() - 80.0) / bounds.width().max(1.0))
            .min((rect.height() - 80.0) / bounds.height().max(1.0))
            .clamp(0.05, 2.0)
    } else {
        1.0
    };
    let scale = fit * view.zoom;
    let centre = rect.center() + view.offset - bounds.center().to_vec2() * scale;
    let to_screen = |p: Pos2| centre + p.to_vec2() * scale;
    let painter = painter.with_clip_rect(rect);
    let w = &game.world;
    let threshold = game.scenario.settings.functioning_threshold;
    let mine = |n: NodeId| me.is_none_or(|m| w.infra.node(n).owner == m);

    // Edges.
    for (a, b, e) in w.infra.edges() {
        let (pa, pb) = (
            to_screen(positions[a.index()]),
            to_screen(positions[b.index()]),
        );
        let (na, nb) = (w.infra.node(a), w.infra.node(b));
        let cross = na.owner != nb.owner;
        let faint = !(mine(a) || mine(b));
        let alpha = if faint { 70 } else { 200 };
        match e {
            Edge::Link => {
                let c = if cross {
                    Color32::from_rgba_unmultiplied(240, 150, 50, alpha)
                } else {
                    Color32::from_rgba_unmultiplied(120, 140, 170, alpha)
                };
                painter.line_segment([pa, pb], Stroke::new(3.0 * scale.sqrt(), c));
            }
            Edge::Dependency { strength, .. } => {
                let broken = na.service < threshold;
                let c = if broken {
                    Color32::from_rgba_unmultiplied(220, 60, 50, alpha)
                } else if cross {
                    Color32::from_rgba_unmultiplied(240, 150, 50, alpha)
                } else {
                    Color32::from_rgba_unmultiplied(150, 150, 150, alpha)
                };
                let width = (0.6 + 1.6 * *strength as f32) * scale.sqrt();
                if broken {
                    let shapes =
                        egui::Shape::dashed_line(&[pa, pb], Stroke::new(width, c), 6.0, 4.0);
                    painter.extend(shapes);
                } else {
                    painter.line_segment([pa, pb], Stroke::new(width, c));
                }
                // Arrow head toward the dependent.
                let dir = (pb - pa).normalized();
                let tip = pb - dir * radius(nb.population) * scale.max(0.4);
                let side = vec2(-dir.y, dir.x) * 4.0;
                painter.add(egui::Shape::convex_polygon(
                    vec![tip, tip - dir * 9.0 + side, tip - dir * 9.0 - side],
                    c,
                    Stroke::NONE,
                ));
            }
        }
    }

    // Nodes.
    let mut hovered: Option<(NodeId, f32)> = None;
    let pointer = response.hover_pos();
    for (id, node) in w.infra.nodes() {
        let p = to_screen(positions[id.index()]);
        if !rect.expand(30.0).contains(p) {
            continue;
        }
        let r = radius(node.population) * scale.max(0.4);
        let own = mine(id);
        let alpha = if own { 255 } else { 110 };
        let owner = w.state(node.owner);
        let ring = state_colour(owner.colour).gamma_multiply(alpha as f32 / 255.0);
        let fill = service_colour(node.service).gamma_multiply(alpha as f32 / 255.0);
        painter.circle_filled(p, r, fill);
        if node.isolated && own {
            let pts: Vec<Pos2> = (0..=24)
                .map(|k| p + Vec2::angled(k as f32 / 24.0 * std::f32::consts::TAU) * (r + 2.0))
                .collect();
            painter.extend(egui::Shape::dashed_line(
                &pts,
                Stroke::new(3.0, ring),
                4.0,
                3.0,
            ));
        } else {
            painter.circle_stroke(p, r + 1.5, Stroke::new(3.0, ring));
        }
        if node.core {
            painter.rect_stroke(
                Rect::from_center_size(p, vec2(2.0 * r + 8.0, 2.0 * r + 8.0)),
                2.0,
                Stroke::new(1.5, ring),
                egui::StrokeKind::Outside,
            );
        }
        // Pattern for service: one slash when degraded, a cross when down.
        let dark = Color32::from_rgba_unmultiplied(20, 20, 20, alpha);
        let d = r * 0.6;
        if node.service < 0.8 {
            painter.line_segment([p + vec2(-d, d), p + vec2(d, -d)], Stroke::new(2.0, dark));
        }
        if node.service < threshold {
            painter.line_segment([p + vec2(-d, -d), p + vec2(d, d)], Stroke::new(2.0, dark));
        }
        painter.text(
            p + vec2(0.0, r + 8.0),
            Align2::CENTER_CENTER,
            node.sector.glyph(),
            FontId::proportional(11.0),
            ui.visuals()
                .text_color()
                .gamma_multiply(alpha as f32 / 255.0),
        );
        if own {
            if node.compromise.as_ref().is_some_and(|c| c.detected) {
                badge(
                    &painter,
                    p + vec2(r * 0.8, -r * 0.8),
                    "!",
                    Color32::from_rgb(200, 30, 30),
                );
            }
            if node.buffer_left < node.buffer_max {
                badge(
                    &painter,
                    p + vec2(-r * 0.8, -r * 0.8),
                    "B",
                    Color32::from_rgb(60, 90, 180),
                );
            }
        }
        if let Some(ptr) = pointer {
            let dist = ptr.distance(p);
            if dist <= r + 6.0 && hovered.is_none_or(|(_, best)| dist < best) {
                hovered = Some((id, dist));
            }
        }
    }
    if let Some((id, _)) = hovered {
        response.on_hover_ui_at_pointer(|ui| node_details(ui, game, id, mine(id)));
    }
}

fn badge(painter: &egui::Painter, at: Pos2, text: &str, colour: Color32) {
    painter.circle_filled(at, 7.0, colour);
    painter.text(
        at,
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(10.0),
        Color32::WHITE,
    );
}

fn legend(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let chip = |ui: &mut egui::Ui, c: Color32, t: &str| {
            let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
            ui.painter().circle_filled(r.center(), 6.0, c);
            ui.label(egui::RichText::new(t).small());
        };
        chip(ui, service_colour(1.0), "working");
        chip(ui, service_colour(0.6), "degraded (/)");
        chip(ui, service_colour(0.0), "down (X)");
        ui.label(egui::RichText::new("! malware found   B on backup   dashed ring: isolated   square: network core   orange: across a border   arrows: supplier to dependent").small().weak());
    });
}

fn node_details(ui: &mut egui::Ui, game: &Game, id: NodeId, own: bool) {
    let w = &game.world;
    let n = w.infra.node(id);
    ui.label(egui::RichText::new(&n.name).strong());
    ui.label(format!(
        "{} - {} - serves {:.0} people",
        w.state(n.owner).name,
        n.sector.label(),
        n.population
    ));
    ui.label(format!("Service: {:.0}%", n.service * 100.0));
    if let Some(net) = n.network {
        ui.label(format!(
            "Part of {}{}",
            w.infra.networks[net.index()].name,
            if n.core { " (a core)" } else { "" }
        ));
    }
    if !own {
        ui.label(
            egui::RichText::new("Another State's facility: you see what is public.")
                .small()
                .weak(),
        );
        return;
    }
    ui.label(format!(
        "Backup: {} of {} turns  -  protection {:.0}%",
        n.buffer_left,
        n.buffer_max,
        n.hardening * 100.0
    ));
    if n.isolated {
        ui.label("Isolated from networks (reduced service, stops spread).");
    }
    if let Some(c) = n.compromise.as_ref().filter(|c| c.detected) {
        ui.colored_label(
            Color32::from_rgb(230, 90, 70),
            format!("Malware found: {}", c.kind.label()),
        );
    }
    let suppliers = w.infra.suppliers(id);
    if !suppliers.is_empty() {
        ui.label("Depends on:");
        for (s, kind, strength) in suppliers {
            let sn = w.infra.node(s);
            ui.label(format!(
                "  {} ({:?}, {:.0}%){}",
                sn.name,
                kind,
                strength * 100.0,
                if sn.owner != n.owner {
                    format!(" - across the border in {}", w.state(sn.owner).name)
                } else {
                    String::new()
                }
            ));
        }
    }
    let dependents = w.infra.dependents(id).len();
    if dependents > 0 {
        ui.label(format!("{dependents} facilities depend on it."));
    }
}
