//! The training journey of issue 4: a training unit registers in the institution app, is
//! certified and qualified by the regulator, buys 10 seats of the demo course, opens a class the
//! regulator approves, imports its trainees from an XLSX file with two bad rows (shown, skipped),
//! and publishes a task; the demo trainee, one of the imported rows, signs in and sees the task.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use e2e::{Backend, Browser, Config, UI_TIMEOUT, fresh_phone};
use rust_xlsxwriter::Workbook;
use shared_types::ids::{CreditCode, IdCardNo};

/// What one step hands to the next.
pub struct Opened {
    pub institution: String,
    pub class: String,
    pub task: String,
}

fn with_check(first17: &str) -> Result<String> {
    let check = IdCardNo::check_char(first17).context("an ID-card number")?;
    Ok(format!("{first17}{check}"))
}

/// The import file: three good rows (the demo trainee among them) and two bad ones.
fn import_file(dir: &Path, stamp: &str) -> Result<PathBuf> {
    let good = with_check("33010619900307002")?; // the demo trainee's, as the seed records it
    let first = with_check("33010619920101001")?;
    let second = with_check("33010619930202002")?;
    let bad_check = format!(
        "{}{}",
        &first[..17],
        if first.ends_with('1') { '2' } else { '1' }
    );
    let unnamed = with_check("33010619940303003")?;
    let (phone1, phone2) = (format!("136{}", &stamp[..8]), format!("135{}", &stamp[..8]));
    let rows = [
        [
            "演示学员",
            good.as_str(),
            "13800000001",
            "企业在职职工",
            "",
            "高中/中专/技校",
        ],
        [
            "钱一",
            first.as_str(),
            phone1.as_str(),
            "企业在职职工",
            "",
            "初中",
        ],
        [
            "孙二",
            second.as_str(),
            phone2.as_str(),
            "城镇登记失业人员",
            "",
            "大专",
        ],
        [
            "李错",
            bad_check.as_str(),
            "13411110001",
            "企业在职职工",
            "",
            "初中",
        ],
        [
            "",
            unnamed.as_str(),
            "13411110002",
            "企业在职职工",
            "",
            "初中",
        ],
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, header) in [
        "姓名",
        "身份证号",
        "手机号",
        "学员类型",
        "所属企业",
        "文化程度",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *value)?;
        }
    }
    let path = dir.join(format!("trainees-{stamp}.xlsx"));
    book.save(&path)?;
    Ok(path)
}

/// A training unit signs up, submits its certification data; the regulator approves it and the
/// qualification it then applies for.
pub async fn institution_registers_and_is_certified_and_qualified(
    cfg: &Config,
    backend: &Backend,
    inst: &Browser,
    regulator: &Browser,
) -> Result<String> {
    let phone = fresh_phone();
    let name = format!("晨光职业培训学校{}", &phone[7..]);
    let first17 = format!("91330100MA2{}", &phone[5..11]);
    let credit = format!(
        "{first17}{}",
        CreditCode::check_char(&first17).context("credit code")?
    );
    inst.goto(&backend.url("/institution/register")).await?;
    inst.fill("#credit-code", &credit).await?;
    inst.fill("#inst-name", &name).await?;
    inst.fill("#inst-address", "杭州市上城区").await?;
    inst.fill("#head-name", "周校长").await?;
    inst.fill("#phone", &phone).await?;
    inst.click("#send-code").await?;
    let code = backend.sms_code(&phone, "register", UI_TIMEOUT).await?;
    inst.fill("#sms-code", &code).await?;
    inst.fill("#username", &format!("cg{}", &phone[7..]))
        .await?;
    inst.fill("#password", "Head-Passw0rd-2026").await?;
    inst.click("#submit").await?;
    inst.wait_text("#user-name", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("周校长")
    })
    .await?;

    inst.goto(&backend.url("/institution/certification"))
        .await?;
    inst.fill("#cert-name", &name).await?;
    inst.fill("#cert-address", "杭州市上城区解放路 1 号")
        .await?;
    inst.fill("#cert-legal-rep", "周校长").await?;
    inst.fill("#cert-scope", "安全生产培训").await?;
    inst.attach("#cert-licence", &cfg.demo_media.join("demo-licence.png"))
        .await?;
    inst.wait_for("#cert-licence-done", UI_TIMEOUT).await?;
    inst.click("#submit-certification").await?;
    inst.wait_text(
        "#institution-status",
        UI_TIMEOUT,
        Some("#form-error"),
        |t| t.contains("待审核"),
    )
    .await?;

    regulator
        .log_in(backend, "regulator", "demo-admin", &cfg.demo_password)
        .await?;
    regulator
        .goto(&backend.url("/regulator/institutions"))
        .await?;
    regulator.click_containing("a", &name).await?;
    review(regulator, "#review-institution").await?;
    regulator
        .wait_text("body", UI_TIMEOUT, None, |t| t.contains("已认证"))
        .await?;

    inst.goto(&backend.url("/institution/qualifications"))
        .await?;
    inst.click("#apply-qualification").await?;
    inst.select_containing("#qualification-type", "其他从业人员")
        .await?;
    inst.click("#dialog-submit").await?;
    inst.wait_text(
        "#qualifications-table",
        UI_TIMEOUT,
        Some("#form-error"),
        |t| t.contains("待审核"),
    )
    .await?;
    regulator
        .goto(&backend.url("/regulator/qualifications"))
        .await?;
    review(regulator, "[id^='review-qualification-']").await?;
    inst.reload().await?;
    inst.wait_text("#qualifications-table", UI_TIMEOUT, None, |t| {
        t.contains("已通过")
    })
    .await?;
    Ok(name)
}

/// Approves in the shared review dialog that `open` opens.
async fn review(regulator: &Browser, open: &str) -> Result<()> {
    regulator.click(open).await?;
    regulator.click("#approve").await?;
    regulator.click("#review-submit").await?;
    regulator
        .wait_text(
            ".pf-m-toast .pf-m-success",
            UI_TIMEOUT,
            Some("#form-error"),
            |t| !t.is_empty(),
        )
        .await?;
    Ok(())
}

/// Buys 10 seats of the demo course, opens a class the regulator approves, imports trainees
/// (two bad rows shown and skipped) and publishes a task with the course.
pub async fn institution_buys_opens_a_class_imports_and_publishes(
    backend: &Backend,
    inst: &Browser,
    regulator: &Browser,
    institution: String,
) -> Result<Opened> {
    inst.goto(&backend.url("/institution/shop")).await?;
    let seats = inst.id_of("[id^='seats-']").await?;
    let course = seats.trim_start_matches("seats-").to_owned();
    inst.fill(&format!("#{seats}"), "10").await?;
    inst.click(&format!("#add-{course}")).await?;
    inst.click("#place-order").await?;
    inst.click("[id^='pay-order-']").await?;
    inst.wait_text("#payment-result", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("模拟")
    })
    .await?;
    inst.goto(&backend.url("/institution/inventory")).await?;
    inst.wait_text("#inventory-table", UI_TIMEOUT, None, |t| t.contains("10"))
        .await?;

    let stamp = fresh_phone();
    let class = format!("安全生产从业人员班（E2E {}）", &stamp[7..]);
    inst.goto(&backend.url("/institution/classes")).await?;
    inst.click("#new-class").await?;
    inst.select_containing("#class-project", "从业人员安全培训")
        .await?;
    inst.fill("#class-name", &class).await?;
    inst.select_label("#class-mode", "线上").await?;
    inst.set_value("#class-starts", "2026-06-01").await?;
    inst.set_value("#class-ends", "2026-12-31").await?;
    inst.fill("#class-capacity", "50").await?;
    inst.click("#dialog-submit").await?;
    inst.wait_text("#class-status", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("草稿")
    })
    .await?;
    let class_page = inst.path().await?;
    inst.click("#submit-class").await?;
    inst.wait_text("#class-status", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("待审核")
    })
    .await?;

    regulator.goto(&backend.url("/regulator/classes")).await?;
    regulator.click_containing("a", &class).await?;
    review(regulator, "#review-class").await?;

    inst.goto(&backend.url(&class_page)).await?;
    inst.wait_text("#class-status", UI_TIMEOUT, None, |t| t.contains("已开班"))
        .await?;
    inst.click("#tab-trainees").await?;
    inst.click("#import-trainees").await?;
    let dir = std::env::temp_dir();
    inst.attach("#import-file", &import_file(&dir, &stamp)?)
        .await?;
    inst.click("#import-upload").await?;
    inst.wait_text("#import-good", UI_TIMEOUT, Some("#form-error"), |t| {
        t == "3"
    })
    .await?;
    inst.wait_text("#import-bad", UI_TIMEOUT, None, |t| t == "2")
        .await?;
    let marked = inst
        .client
        .find_all(fantoccini::Locator::Css("#import-preview .zp-row-bad"))
        .await?;
    if marked.len() != 2 {
        bail!(
            "the preview marks {} rows bad, not the 2 bad ones",
            marked.len()
        );
    }
    let preview = inst
        .wait_text("#import-preview", UI_TIMEOUT, None, |t| !t.is_empty())
        .await?;
    if !preview.contains("校验位") {
        bail!("the preview does not say why the ID-card number is wrong: {preview}");
    }
    inst.click("#import-commit").await?;
    inst.wait_text("#trainees-table", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("演示学员") && t.contains("钱一") && t.contains("孙二") && !t.contains("李错")
    })
    .await?;

    let task = format!("安全生产基础学习（E2E {}）", &stamp[7..]);
    inst.click("#tab-tasks").await?;
    inst.click("#new-task").await?;
    inst.fill("#task-name", &task).await?;
    inst.click(&format!("#task-course-{course}")).await?;
    inst.set_value("#task-deadline", "2027-06-30").await?;
    inst.fill("#task-hours", "1").await?;
    inst.click("#dialog-submit").await?;
    inst.wait_text("#tasks-table", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains(&task)
    })
    .await?;
    inst.goto(&backend.url("/institution/inventory")).await?;
    // Three trainees took a seat each.
    inst.wait_text("#inventory-table", UI_TIMEOUT, None, |t| t.contains('7'))
        .await?;
    Ok(Opened {
        institution,
        class,
        task,
    })
}

/// The demo trainee signs in and finds the new task among their tasks.
pub async fn trainee_sees_the_task(
    cfg: &Config,
    backend: &Backend,
    trainee: &Browser,
    opened: &Opened,
) -> Result<()> {
    trainee
        .log_in(backend, "learner", "13800000001", &cfg.demo_password)
        .await?;
    trainee.goto(&backend.url("/learner/tasks")).await?;
    let text = trainee
        .wait_text("body", UI_TIMEOUT, None, |t| t.contains(&opened.task))
        .await?;
    if !text.contains(&opened.class) {
        bail!("the task list does not name the class `{}`", opened.class);
    }
    trainee.use_phone_width().await?;
    let overflow = trainee.horizontal_overflow().await?;
    if overflow > 0 {
        bail!("at phone width the task list is {overflow}px wider than the screen");
    }
    eprintln!(
        "e2e: {} trains the demo trainee in `{}`",
        opened.institution, opened.class
    );
    Ok(())
}
