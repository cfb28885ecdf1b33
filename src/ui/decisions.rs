//! Decisions: the choices a person makes, asked as plain questions whose answers set the
//! underlying parameters (and say which). The first is multi-factor authentication: whether
//! users need a second factor (`MfaConfiguration`) and which factors they can use, one choice
//! that every export then says its own way (see [`crate::mfa`]).

use super::erased::{memo, on, show};
use super::fields::{visible_problem, ProblemMessage};
use super::Store;
use crate::mfa::MfaFactors;
use crate::model::{self, Field};
use crate::value::{dom_id, Step};
use leptos::prelude::*;

/// The MFA modes, as radios: value, label and what it means.
const MODES: [(&str, &str, &str); 3] = [
    ("OFF", "Off", "Nobody is asked for a second factor (the AWS default)."),
    ("OPTIONAL", "Optional", "Each user chooses whether to set up a second factor."),
    ("ON", "Required", "Every user must set up a second factor before signing in."),
];

/// The factors, as checkboxes: id, label and what each needs.
const FACTORS: [(&str, &str, &str); 3] = [
    ("totp", "Authenticator app (TOTP)", "Codes from an app such as a password manager. Nothing to set up in AWS."),
    (
        "sms",
        "SMS text message",
        "Needs an SMS configuration (Amazon SNS or End User Messaging) in “Email and SMS delivery”.",
    ),
    ("email", "Email", "Needs the Essentials or Plus plan and email sent with Amazon SES."),
];

fn with_factor(factors: MfaFactors, id: &str, on: bool) -> MfaFactors {
    match id {
        "sms" => MfaFactors { sms: on, ..factors },
        "totp" => MfaFactors { totp: on, ..factors },
        _ => MfaFactors { email: on, ..factors },
    }
}

fn has_factor(factors: MfaFactors, id: &str) -> bool {
    match id {
        "sms" => factors.sms,
        "totp" => factors.totp,
        _ => factors.email,
    }
}

/// "Multi-factor authentication": the mode as radios named `MfaConfiguration` (its path), and
/// the factors while MFA is on. Turning MFA on with no factor chosen picks the authenticator
/// app, which needs nothing else; turning it off clears the factors (Undo brings them back).
#[component]
pub fn MfaDecision(field: &'static Field) -> impl IntoView {
    let store = expect_context::<Store>();
    let locator = [Step::Member(field.id)];
    let mode = store.watch_node(&locator, |node| match node {
        Some(crate::value::Node::Text(text)) => text.clone(),
        _ => String::new(),
    });
    // One small memo over the whole form: the factors live beside the request, not in a node.
    let factors = memo(move || store.form.with(|f| f.mfa().ids().join(",")));
    let touched = RwSignal::new(false);
    let path = memo(|| "MfaConfiguration".to_string());
    let problem = visible_problem(store, path, touched);
    // The first radio carries the field's id, so summary links and search land on the question;
    // its problem is `<id>-error`, like every field's.
    let base = dom_id(&locator);
    let error_id = format!("{base}-error");
    let described = {
        let error_id = error_id.clone();
        move |hint: String| {
            let error_id = error_id.clone();
            move || if problem.with(Option::is_some) { format!("{hint} {error_id}") } else { hint.clone() }
        }
    };
    let set_mode = move |value: &'static str| {
        store.edit(&locator, None, |form| {
            form.set_text(&locator, value);
            let current = form.mfa();
            if value == "OFF" {
                form.set_mfa(MfaFactors::NONE);
            } else if !current.any() {
                form.set_mfa(MfaFactors { totp: true, ..MfaFactors::NONE });
            }
        });
        touched.set(true);
    };
    let set_factor = move |id: &'static str, on: bool| {
        store.edit(&locator, None, |form| form.set_mfa(with_factor(form.mfa(), id, on)));
        touched.set(true);
    };
    let radios = MODES
        .iter()
        .enumerate()
        .map(|(index, &(value, label, meaning))| {
            let id = if index == 0 { base.clone() } else { format!("{base}-{index}") };
            let checked = memo(move || mode.with(|m| m == value));
            view! {
                <div class="ps-radio">
                    <input
                        type="radio"
                        class="ps-radio__input"
                        id=id.clone()
                        name="MfaConfiguration"
                        value=value
                        aria-describedby=(described.clone())(format!("{id}-hint"))
                        prop:checked=move || checked.get()
                        on:change=on(move |_| set_mode(value))
                    />
                    <label class="ps-radio__label" for=id.clone()>
                        {label}
                    </label>
                    <p class="ps-radio__hint" id=format!("{id}-hint")>
                        {format!("{meaning} Sets MfaConfiguration to {value}.")}
                    </p>
                </div>
            }
            .into_any()
        })
        .collect_view();
    let factor_boxes = move || {
        FACTORS
            .iter()
            .map(|&(id, label, needs)| {
                let box_id = format!("mfa-factor-{id}");
                view! {
                    <div class="ps-checkbox">
                        <input
                            type="checkbox"
                            class="ps-checkbox__input"
                            id=box_id.clone()
                            name="mfa-factor"
                            value=id
                            aria-describedby=format!("{box_id}-hint")
                            prop:checked=move || factors.with(|f| MfaFactors::parse_list(f).is_ok_and(|f| has_factor(f, id)))
                            on:change=on(move |ev| set_factor(id, event_target_checked(&ev)))
                        />
                        <label class="ps-checkbox__label" for=box_id.clone()>
                            {label}
                        </label>
                        <p class="ps-radio__hint" id=format!("{box_id}-hint")>{needs}</p>
                    </div>
                }
                .into_any()
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="ps-fieldset ps-decision" id="mfa-decision" tabindex="-1">
            <legend class="ps-fieldset__legend ps-decision__question">"Multi-factor authentication"</legend>
            <p class="ps-field__hint">
                "Ask users for a second factor after their password. CreateUserPool can turn on only SMS itself; the exports turn on the other factors the way each tool does it."
            </p>
            <ProblemMessage id=error_id problem=problem />
            <div class="ps-radios">{radios}</div>
            {show(
                move || mode.with(|m| m == "ON" || m == "OPTIONAL"),
                move || view! {
                    <fieldset class="ps-fieldset ps-fieldset--choices ps-decision__more">
                        <legend class="ps-fieldset__legend">"Factors users can choose"</legend>
                        <div class="ps-checkboxes">{factor_boxes()}</div>
                    </fieldset>
                }.into_any(),
            )}
        </fieldset>
    }
}

/// The decision that stands for `path` in its section, if one does.
pub fn for_path(path: &str) -> Option<AnyView> {
    match path {
        "MfaConfiguration" => model::by_path(path).map(|field| view! { <MfaDecision field=field /> }.into_any()),
        _ => None,
    }
}
