//! Decisions: the choices a person makes, asked as plain questions whose answers set the
//! underlying parameters (and say which): how people sign in, who can create accounts, who
//! sends email, which Lambda triggers to add, and multi-factor authentication — whether users
//! need a second factor (`MfaConfiguration`) and which factors they can use, one choice that
//! every export then says its own way (see [`crate::mfa`]). The fields they set stay in the
//! form (under "More settings" where no decision shows them) for every finer choice.

use super::erased::{memo, on, show};
use super::fields::{visible_problem, ProblemMessage};
use super::Store;
use crate::mfa::MfaFactors;
use crate::model::{self, Field};
use crate::value::{dom_id, FormValue, Node, Step};
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

/// What an answer sets a field to.
enum Setting {
    /// Left out of the request.
    Unset,
    Text(&'static str),
    List(&'static [&'static str]),
}

/// One answer to a question: what it says, what it means and sets, and the fields it sets
/// (it is the current answer when they hold exactly that).
struct Answer {
    label: &'static str,
    meaning: &'static str,
    sets: &'static [(&'static str, Setting)],
}

/// A question at the top of a section.
struct Question {
    id: &'static str,
    question: &'static str,
    hint: &'static str,
    answers: &'static [Answer],
}

/// The locator of a field outside lists and maps, by its model path.
fn step(path: &str) -> Vec<Step> {
    model::by_path(path).map(super::fields::member_chain).unwrap_or_default()
}

impl Answer {
    fn is(&self, form: &FormValue) -> bool {
        self.sets.iter().all(|(path, setting)| {
            let node = form.get(&step(path));
            match setting {
                Setting::Text(text) => node == Some(&Node::Text((*text).to_string())),
                Setting::Unset | Setting::List(_) => {
                    let values: &[&str] = if let Setting::List(values) = setting { values } else { &[] };
                    let rows = match node {
                        Some(Node::List(rows)) => rows.as_slice(),
                        _ => &[],
                    };
                    rows.len() == values.len()
                        && rows.iter().zip(values).all(|(r, v)| r.node == Node::Text((*v).to_string()))
                }
            }
        })
    }

    fn apply(&self, form: &mut FormValue) {
        for (path, setting) in self.sets {
            let at = step(path);
            form.unset(&at);
            match setting {
                Setting::Unset => {}
                Setting::Text(text) => {
                    form.set_text(&at, *text);
                }
                Setting::List(values) => {
                    for value in *values {
                        if let Some(row) = form.add_row(&at) {
                            let mut item = at.clone();
                            item.push(Step::Row(row));
                            form.set_text(&item, *value);
                        }
                    }
                }
            }
        }
    }
}

const USERNAME: &str = "UsernameAttributes";
const ALIAS: &str = "AliasAttributes";

/// The sign-in attributes, as people say them (`UsernameAttributes`, `AliasAttributes`).
const SIGN_IN: Question = Question {
    id: "sign-in",
    question: "How do people sign in?",
    hint: "Locked after creation: the sign-in attributes cannot be changed once the pool exists.",
    answers: &[
        Answer {
            label: "With a username they choose (the AWS default)",
            meaning: "Leaves out UsernameAttributes and AliasAttributes.",
            sets: &[(USERNAME, Setting::Unset), (ALIAS, Setting::Unset)],
        },
        Answer {
            label: "With their email address",
            meaning: "Sets UsernameAttributes to [email].",
            sets: &[(USERNAME, Setting::List(&["email"])), (ALIAS, Setting::Unset)],
        },
        Answer {
            label: "With their phone number",
            meaning: "Sets UsernameAttributes to [phone_number]; sign-in codes go by SMS.",
            sets: &[(USERNAME, Setting::List(&["phone_number"])), (ALIAS, Setting::Unset)],
        },
        Answer {
            label: "With their email address or phone number",
            meaning: "Sets UsernameAttributes to [email, phone_number].",
            sets: &[(USERNAME, Setting::List(&["email", "phone_number"])), (ALIAS, Setting::Unset)],
        },
        Answer {
            label: "With a username, or their email address or phone number",
            meaning: "Sets AliasAttributes to [email, phone_number].",
            sets: &[(USERNAME, Setting::Unset), (ALIAS, Setting::List(&["email", "phone_number"]))],
        },
    ],
};

const ADMIN_ONLY: &str = "AdminCreateUserConfig.AllowAdminCreateUserOnly";

/// Self sign-up or administrators only (`AdminCreateUserConfig.AllowAdminCreateUserOnly`).
const SIGN_UP: Question = Question {
    id: "sign-up",
    question: "Who can create accounts?",
    hint: "",
    answers: &[
        Answer {
            label: "Anyone, by signing up in your app",
            meaning: "Sets AdminCreateUserConfig.AllowAdminCreateUserOnly to false (the AWS default).",
            sets: &[(ADMIN_ONLY, Setting::Text("false"))],
        },
        Answer {
            label: "Only administrators",
            meaning: "Sets AdminCreateUserConfig.AllowAdminCreateUserOnly to true: users get an invitation with a temporary password.",
            sets: &[(ADMIN_ONLY, Setting::Text("true"))],
        },
    ],
};

const SENDER: &str = "EmailConfiguration.EmailSendingAccount";

/// The email sending account (`EmailConfiguration.EmailSendingAccount`).
const EMAIL: Question = Question {
    id: "email-sender",
    question: "Who sends email?",
    hint: "",
    answers: &[
        Answer {
            label: "Amazon Cognito",
            meaning: "Up to 50 emails a day, from no-reply@verificationemail.com. Sets EmailConfiguration.EmailSendingAccount to COGNITO_DEFAULT.",
            sets: &[(SENDER, Setting::Text("COGNITO_DEFAULT"))],
        },
        Answer {
            label: "Amazon SES, with your own verified identity",
            meaning: "Your SES limits and your From address; needed for email MFA and one-time codes. Sets EmailConfiguration.EmailSendingAccount to DEVELOPER: fill in the SES identity below.",
            sets: &[(SENDER, Setting::Text("DEVELOPER"))],
        },
    ],
};

/// A question as radio cards; choosing an answer applies it as one undoable edit.
#[component]
fn QuestionView(question: &'static Question) -> impl IntoView {
    let store = expect_context::<Store>();
    // Which answer is current, as an index (`usize::MAX`: none), read from the whole form: the
    // answers look at more than one field.
    let current = super::erased::memo(move || {
        store.form.with(|f| question.answers.iter().position(|a| a.is(f)).unwrap_or(usize::MAX))
    });
    let radios = question
        .answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let id = format!("q-{}-{index}", question.id);
            view! {
                <div class="ps-radio">
                    <input
                        type="radio"
                        class="ps-radio__input"
                        id=id.clone()
                        name=format!("q-{}", question.id)
                        aria-describedby=format!("{id}-hint")
                        prop:checked=move || current.get() == index
                        on:change=on(move |_| store.edit(&[], None, |f| answer.apply(f)))
                    />
                    <label class="ps-radio__label" for=id.clone()>
                        {answer.label}
                    </label>
                    <p class="ps-radio__hint" id=format!("{id}-hint")>
                        {answer.meaning}
                    </p>
                </div>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <fieldset class="ps-fieldset ps-decision" id=format!("q-{}", question.id)>
            <legend class="ps-fieldset__legend ps-decision__question">{question.question}</legend>
            {(!question.hint.is_empty()).then(|| view! { <p class="ps-field__hint">{question.hint}</p> }.into_any())}
            <div class="ps-radios">{radios}</div>
        </fieldset>
    }
}

/// "Add a trigger": one of the Lambda triggers by name, instead of every empty ARN box; adding
/// one opens it under "More settings" and moves focus to its function ARN.
#[component]
fn AddTrigger() -> impl IntoView {
    let store = expect_context::<Store>();
    let lambda = model::by_path("LambdaConfig");
    // The triggers: members that hold a function ARN, or a structure with `LambdaArn`.
    let triggers: Vec<&'static Field> =
        lambda.into_iter().flat_map(|f| f.child_fields()).filter(|t| t.name != "KMSKeyID").collect();
    let chosen = RwSignal::new(String::new());
    let add = move |_| {
        let Some(trigger) = triggers_by_name(&chosen.get_untracked()) else { return };
        let target = match trigger.kind {
            crate::model::Kind::Structure => trigger.child_fields().find(|c| c.name == "LambdaArn").unwrap_or(trigger),
            _ => trigger,
        };
        let at = step(target.path);
        store.edit(&at, None, |f| {
            if f.get(&at).is_none() {
                f.set_text(&at, "");
            }
        });
        super::browser::focus_later(dom_id(&at));
    };
    view! {
        <div class="ps-field ps-decision" id="q-add-trigger">
            <label class="ps-field__label ps-decision__question" for="q-trigger">"Add a Lambda trigger"</label>
            <p class="ps-field__hint">"Choose the moment your function runs; its ARN box opens below."</p>
            <div class="ps-row">
                <select class="ps-select" id="q-trigger" prop:value=move || chosen.get() on:change=on(move |ev| chosen.set(event_target_value(&ev)))>
                    <option value="">"Choose a trigger…"</option>
                    {triggers.iter().map(|t| view! { <option value=t.name>{crate::model::overlay::upper_first(&crate::model::overlay::label(t))}</option> }.into_any()).collect_view()}
                </select>
                <button type="button" class="ps-button ps-button--secondary" disabled=move || chosen.with(String::is_empty) on:click=on(add)>
                    "Add trigger"
                </button>
            </div>
        </div>
    }
}

fn triggers_by_name(name: &str) -> Option<&'static Field> {
    model::by_path("LambdaConfig")?.child_fields().find(|t| t.name == name)
}

/// Whether the pool sends SMS: SMS is an MFA factor, people sign in or are verified with their
/// phone number, or one-time codes go by SMS. The SMS configuration shows only then (or once set).
fn uses_sms(form: &FormValue) -> bool {
    let has = |path: &str, value: &str| matches!(form.get(&step(path)), Some(Node::List(rows)) if rows.iter().any(|r| r.node == Node::Text(value.to_string())));
    form.mfa().sms
        || form.get(&step("SmsConfiguration")).is_some()
        || ["UsernameAttributes", "AliasAttributes", "AutoVerifiedAttributes"].iter().any(|p| has(p, "phone_number"))
        || has("Policies.SignInPolicy.AllowedFirstAuthFactors", "SMS_OTP")
}

/// When a top-level field shows only while the rest of the form uses it.
pub fn shown_while(path: &str) -> Option<fn(&FormValue) -> bool> {
    match path {
        "SmsConfiguration" => Some(uses_sms),
        _ => None,
    }
}

/// The decisions at the top of a section, before its fields.
pub fn for_section(id: &str) -> Option<AnyView> {
    match id {
        "sign-in" => Some(view! { <QuestionView question=&SIGN_IN /> }.into_any()),
        "sign-up" => Some(view! { <QuestionView question=&SIGN_UP /> }.into_any()),
        "delivery" => Some(view! { <QuestionView question=&EMAIL /> }.into_any()),
        "triggers" => Some(view! { <AddTrigger /> }.into_any()),
        _ => None,
    }
}

/// The decision that stands for `path` in its section, if one does.
pub fn for_path(path: &str) -> Option<AnyView> {
    match path {
        "MfaConfiguration" => model::by_path(path).map(|field| view! { <MfaDecision field=field /> }.into_any()),
        _ => None,
    }
}
