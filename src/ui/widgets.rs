//! Small shared widgets: norm and CBM tags with their explanation and
//! reference, coloured bars, service colours and State swatches.

use detente_sim::catalog::{Cbm, Norm};
use egui::{Color32, RichText};

/// Green when working, amber when degraded, red when down.
pub fn service_colour(service: f64) -> Color32 {
    if service >= 0.8 {
        Color32::from_rgb(46, 160, 90)
    } else if service >= 0.5 {
        Color32::from_rgb(222, 170, 40)
    } else if service > 0.05 {
        Color32::from_rgb(214, 90, 40)
    } else {
        Color32::from_rgb(190, 40, 40)
    }
}

pub fn state_colour(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

/// A coloured dot and the State's name.
pub fn state_label(ui: &mut egui::Ui, name: &str, rgb: [u8; 3]) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 5.5, state_colour(rgb));
        ui.label(RichText::new(name).strong());
    });
}

/// "GGE 13(h)" chip, green for upheld, red for violated; hover explains.
pub fn norm_tag(ui: &mut egui::Ui, norm: Norm, upheld: bool) {
    let info = norm.info();
    let (bg, sign) = if upheld {
        (Color32::from_rgb(30, 110, 60), "+")
    } else {
        (Color32::from_rgb(150, 40, 40), "-")
    };
    // A chip never breaks across lines.
    ui.add(
        egui::Label::new(
            RichText::new(format!("{sign} {}", info.reference()))
                .small()
                .color(Color32::WHITE)
                .background_color(bg),
        )
        .extend(),
    )
    .on_hover_text(format!(
        "{} {}: {}\n{}",
        if upheld { "Upholds" } else { "Violates" },
        info.reference(),
        info.title,
        info.meaning
    ));
}

/// "OSCE CBM 8" chip; hover explains.
pub fn cbm_tag(ui: &mut egui::Ui, cbm: Cbm) {
    let info = cbm.info();
    ui.add(
        egui::Label::new(
            RichText::new(info.reference())
                .small()
                .color(Color32::WHITE)
                .background_color(Color32::from_rgb(40, 90, 150)),
        )
        .extend(),
    )
    .on_hover_text(format!(
        "Exercises {}: {}\n{}\n({})",
        info.reference(),
        info.title,
        info.meaning,
        info.decision
    ));
}

/// A labelled 0-100 bar.
pub fn bar(ui: &mut egui::Ui, label: &str, value: f64, colour: Color32) {
    ui.horizontal(|ui| {
        ui.add_sized([110.0, 18.0], egui::Label::new(label));
        ui.add(
            egui::ProgressBar::new((value / 100.0).clamp(0.0, 1.0) as f32)
                .desired_width(160.0)
                .fill(colour)
                .corner_radius(3)
                .text(format!("{value:.0}")),
        );
    });
}

/// A headline with a muted explanation under it.
pub fn section(ui: &mut egui::Ui, title: &str, hint: &str) {
    ui.label(RichText::new(title).strong().size(17.0));
    if !hint.is_empty() {
        ui.label(RichText::new(hint).small().weak());
    }
}
