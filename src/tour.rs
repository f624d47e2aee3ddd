//! A guided tour of every screen, for reviewing the interface and for the
//! documentation's screenshots: `DETENTE_TOUR=folder detente play FILE`
//! drives the real window from the main menu through seat setup, a few
//! turns (every tab, the facilitator panel, help) to the debrief, writing a
//! PNG of each. It plays through the same command messages as the UI.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use crate::app::{ShellRes, UiMessage};
use crate::session::Phase;
use crate::ui::{Screen, Tab, UiCommand};

#[derive(Resource)]
pub struct Tour {
    pub dir: PathBuf,
    pub scenario: PathBuf,
    step: usize,
    wait: u32,
}

impl Tour {
    pub fn new(dir: PathBuf, scenario: PathBuf) -> Tour {
        Tour {
            dir,
            scenario,
            step: 0,
            wait: 10,
        }
    }
}

pub struct TourPlugin;

impl Plugin for TourPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(bevy::winit::WinitSettings::game())
            .add_systems(Update, drive);
    }
}

/// Give legal orders for the seat at the screen (as a careful player would).
fn play_seat(shell: &mut ShellRes, writer: &mut MessageWriter<UiMessage>) -> bool {
    let Some(session) = shell.0.session.as_ref() else {
        return false;
    };
    match session.phase {
        Phase::Handover { .. } | Phase::Briefing => {
            writer.write(UiMessage(UiCommand::Ready));
            true
        }
        Phase::Seat { seat } => {
            let state = session.humans[seat];
            let orders = detente_sim::ai::choose_orders(&session.game, state);
            writer.write(UiMessage(UiCommand::Submit { state, orders }));
            true
        }
        _ => false,
    }
}

fn drive(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut shell: ResMut<ShellRes>,
    screen: Res<State<Screen>>,
    mut writer: MessageWriter<UiMessage>,
    mut exit: MessageWriter<AppExit>,
) {
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    let shot = |commands: &mut Commands, tour: &Tour, name: &str| {
        let _ = std::fs::create_dir_all(&tour.dir);
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(tour.dir.join(format!("{name}.png"))));
    };
    let step = tour.step;
    tour.step += 1;
    tour.wait = 12;
    let scenario = tour.scenario.clone();
    match step {
        0 => shot(&mut commands, &tour, "01-main-menu"),
        1 => {
            shell.0.ui.selected = Some(scenario);
            writer.write(UiMessage(UiCommand::GoTo(Screen::Library)));
        }
        2 => shot(&mut commands, &tour, "02-library"),
        3 => {
            writer.write(UiMessage(UiCommand::ChooseScenario(scenario)));
        }
        4 => shot(&mut commands, &tour, "03-seat-setup"),
        5 => {
            if let Some(setup) = shell.0.ui.seats.as_ref() {
                writer.write(UiMessage(UiCommand::StartGame {
                    path: scenario,
                    seats: setup.seats(),
                    seed: 7,
                }));
            }
        }
        6 => shot(&mut commands, &tour, "04-briefing"),
        7 => {
            writer.write(UiMessage(UiCommand::Ready));
        }
        8 => shot(&mut commands, &tour, "05-handover"),
        9 => {
            writer.write(UiMessage(UiCommand::Ready));
        }
        10 => shot(&mut commands, &tour, "06-orders-and-map"),
        // Play until turn 3, then look at every tab.
        11 => {
            let turn = shell.0.session.as_ref().map(|s| s.game.turn).unwrap_or(0);
            let at_seat = shell
                .0
                .session
                .as_ref()
                .is_some_and(|s| matches!(s.phase, Phase::Seat { .. }));
            if turn < 3 || !at_seat {
                play_seat(&mut shell, &mut writer);
                tour.step = 11;
                tour.wait = 3;
            }
        }
        12 => shot(&mut commands, &tour, "07-map-turn-3"),
        13 => shell.0.ui.tab = Tab::Incidents,
        14 => shot(&mut commands, &tour, "08-incidents"),
        15 => shell.0.ui.tab = Tab::Relations,
        16 => shot(&mut commands, &tour, "09-relations"),
        17 => shell.0.ui.tab = Tab::Ladder,
        18 => shot(&mut commands, &tour, "10-ladder"),
        19 => shell.0.ui.tab = Tab::News,
        20 => shot(&mut commands, &tour, "11-news"),
        21 => shell.0.ui.tab = Tab::Charts,
        22 => shot(&mut commands, &tour, "12-charts"),
        23 => shell.0.ui.show_facilitator = true,
        24 => shot(&mut commands, &tour, "13-facilitator"),
        25 => {
            shell.0.ui.show_facilitator = false;
            shell.0.ui.show_help = true;
        }
        26 => shot(&mut commands, &tour, "14-help"),
        27 => {
            shell.0.ui.show_help = false;
            shell.0.ui.show_reference = true;
        }
        28 => shot(&mut commands, &tour, "15-reference"),
        29 => {
            shell.0.ui.show_reference = false;
            shell.0.ui.tab = Tab::Map;
        }
        // Play to the end.
        30 => {
            if *screen.get() != Screen::Debrief {
                play_seat(&mut shell, &mut writer);
                tour.step = 30;
                tour.wait = 3;
            }
        }
        31 => shot(&mut commands, &tour, "16-debrief"),
        32 => {}
        _ => {
            exit.write(AppExit::Success);
        }
    }
}
