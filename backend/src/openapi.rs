//! The OpenAPI 3 document, generated from the handlers' annotations, served at
//! `/api/openapi.json` with Swagger UI at `/api/docs`.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{
    archive, audit, catalog, commerce, face, identity, jobs, learning, media, ops, orgs, realname,
    review, tenancy, training,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "职培云 Zhipei API", description = "Tenant-aware JSON API. Anonymous calls name the site with `X-Tenant`. \
        Errors: `{\"code\", \"message\", \"field\"?}` with the message in zh-CN or en-US by `Accept-Language`."),
    paths(
        ops::healthz, ops::readyz,
        tenancy::routes::site, tenancy::routes::get_settings, tenancy::routes::patch_settings,
        tenancy::routes::list_tenants, tenancy::routes::create_tenant,
        identity::routes::send_code, identity::routes::register, identity::routes::login, identity::routes::logout,
        identity::routes::get_me, identity::routes::change_password, identity::routes::rebind_phone, identity::routes::dev_outbox,
        identity::staff_routes::list, identity::staff_routes::create, identity::staff_routes::show, identity::staff_routes::update,
        identity::staff_routes::reset_password, identity::staff_routes::remove,
        audit::routes::list,
        catalog::routes::list, catalog::routes::create, catalog::routes::show, catalog::routes::update,
        catalog::routes::submit, catalog::routes::withdraw, catalog::routes::new_revision, catalog::outline_routes::add_chapter,
        catalog::outline_routes::add_courseware, catalog::outline_routes::put_subtitle, catalog::lecturer_routes::list_lecturers,
        catalog::lecturer_routes::create_lecturer, catalog::routes::search, catalog::routes::catalogue_course,
        catalog::routes::events, catalog::outline_routes::delete_chapter, catalog::outline_routes::delete_courseware,
        catalog::routes::list_topics, catalog::routes::create_topic, catalog::outline_routes::rename_chapter,
        catalog::outline_routes::order_chapters, catalog::outline_routes::order_coursewares, catalog::outline_routes::update_courseware,
        catalog::outline_routes::delete_subtitle, catalog::lecturer_routes::show_lecturer, catalog::lecturer_routes::update_lecturer,
        catalog::lecturer_routes::lecturer_photo,
        media::routes::start_upload, media::routes::show_upload, media::routes::presign_parts,
        media::routes::part_done, media::routes::complete, media::routes::show,
        media::routes::playback_urls, media::routes::hls,
        jobs::routes::list, jobs::routes::retry,
        review::expert_routes::list_experts, review::expert_routes::list_groups, review::expert_routes::create_group,
        review::expert_routes::update_group, review::expert_routes::delete_group,
        review::routes::list_courses, review::routes::show_course, review::routes::course_rounds,
        review::routes::author_rounds, review::routes::author_round, review::routes::show_round, review::routes::assign, review::routes::publish,
        review::routes::take_down, review::routes::list_records,
        review::reviewer_routes::list, review::reviewer_routes::show, review::reviewer_routes::give_opinion,
        orgs::institution_routes::register, orgs::institution_routes::mine, orgs::institution_routes::submit_certification,
        orgs::institution_routes::set_contact, orgs::institution_routes::my_certifications,
        orgs::institution_routes::my_qualifications, orgs::institution_routes::apply_qualification,
        orgs::institution_routes::my_qualification_events, orgs::institution_routes::list, orgs::institution_routes::show,
        orgs::institution_routes::certifications, orgs::institution_routes::review,
        orgs::institution_routes::list_qualifications, orgs::institution_routes::review_qualification,
        orgs::institution_routes::revoke_qualification, orgs::institution_routes::qualification_events,
        orgs::registry_routes::list_enterprises, orgs::registry_routes::create_enterprise,
        orgs::registry_routes::show_enterprise, orgs::registry_routes::update_enterprise,
        orgs::registry_routes::list_departments, orgs::registry_routes::create_department,
        orgs::registry_routes::update_department, orgs::registry_routes::delete_department,
        orgs::registry_routes::list_trainee_types, orgs::registry_routes::create_trainee_type,
        orgs::registry_routes::update_trainee_type, orgs::registry_routes::delete_trainee_type,
        commerce::routes::create_order, commerce::routes::list_orders, commerce::routes::show_order, commerce::routes::pay,
        commerce::routes::cancel, commerce::routes::inventory, commerce::routes::list_invoices,
        commerce::routes::request_invoice, commerce::routes::invoice_file, commerce::routes::issue_invoice,
        commerce::routes::reject_invoice, commerce::routes::admin_orders, commerce::routes::admin_invoices,
        commerce::routes::admin_invoice_file,
        archive::routes::list, archive::routes::file, archive::routes::verify,
        training::routes::list_projects, training::routes::create_project, training::routes::show_project,
        training::routes::update_project, training::routes::close_project, training::routes::reopen_project,
        training::routes::list_plans, training::routes::create_plan, training::routes::show_plan,
        training::routes::update_plan, training::routes::delete_plan, training::routes::my_classes,
        training::routes::my_tasks,
        training::class_routes::list, training::class_routes::create, training::class_routes::show,
        training::class_routes::update, training::class_routes::delete, training::class_routes::submit,
        training::class_routes::withdraw, training::class_routes::close, training::class_routes::review,
        training::class_routes::events, training::class_routes::list_tasks, training::class_routes::publish_task,
        training::class_routes::delete_task, training::class_routes::force_delete_task,
        training::trainee_routes::list, training::trainee_routes::add, training::trainee_routes::update,
        training::trainee_routes::remove, training::trainee_routes::import_preview,
        training::trainee_routes::import_commit, training::trainee_routes::template,
        learning::routes::open, learning::routes::heartbeat, learning::routes::close,
        learning::routes::answer_challenge, learning::routes::study_hours,
        learning::routes::progress_stream, learning::routes::risk_events, learning::routes::clear_risk,
        learning::routes::confirm_risk, learning::routes::play_sessions, learning::routes::heartbeats,
        face::routes::capture, face::routes::check, face::routes::no_camera, face::routes::list,
        realname::routes::current, realname::routes::submit, realname::routes::queue,
        realname::routes::decide, realname::routes::institution_list, realname::routes::in_person,
    ),
    modifiers(&Security),
    security(("session_cookie" = []), ("bearer" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("zhipei_session"))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
