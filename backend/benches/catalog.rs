//! `cargo xtask bench catalog`: catalogue search latency over 10,000 published courses, measured
//! through HTTP against the real server and PostgreSQL (target p99 < 50 ms, Z-III.3 "easy to
//! search"). Needs `ZHIPEI_TEST_PG_URL` (a superuser URL); the xtask starts a throwaway cluster.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use support::Bench;
use uuid::Uuid;

const COURSES: i64 = 10_000;
const REQUESTS: usize = 500;
const QUERIES: [&str; 10] = [
    "q=消防",
    "q=安全管理",
    "q=危险化学品",
    "q=王",
    "q=应急",
    "q=demo-aq-2026-0001",
    "category=safety_production",
    "training_type=special_operations&q=作业",
    "q=创业",
    "",
];

#[tokio::main]
async fn main() {
    let bench = Bench::start("catalog").await;
    let started = Instant::now();
    seed_courses(&bench).await;
    println!(
        "seeded {COURSES} published courses in {:.1}s",
        started.elapsed().as_secs_f64()
    );

    let http = &bench.http;
    let base = &bench.base;
    let token = bench.login("13800000001").await;

    let mut timings = Vec::with_capacity(REQUESTS);
    for i in 0..REQUESTS + 20 {
        let query = QUERIES[i % QUERIES.len()];
        let t = Instant::now();
        let response = http
            .get(format!("{base}/api/v1/catalogue?{query}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{query}: {}",
            response.status()
        );
        response.bytes().await.unwrap();
        // The first 20 warm the connection pool and caches.
        if i >= 20 {
            timings.push(t.elapsed());
        }
    }
    timings.sort();
    let at = |p: f64| timings[((timings.len() as f64 * p) as usize).min(timings.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "catalogue search over {COURSES} courses ({REQUESTS} requests): p50 {:.1} ms, p99 {:.1} ms (target p99 < 50 ms)",
        ms(at(0.50)),
        ms(at(0.99))
    );
}

/// 10,000 published courses with lecturers, written as the owner inside the demo tenant.
async fn seed_courses(bench: &Bench) {
    let (mut conn, tenant) = bench.owner().await;
    let author: Uuid =
        sqlx::query_scalar("select user_id from users where username = 'demo-inst-admin'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    for sql in [
        "insert into lecturers (lecturer_id, tenant_id, name, title)
         select gen_random_uuid(), $1, (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + i % 10]
             || (array['建国','海燕','志强','秀英','立新','文华','安平','明','静','伟'])[1 + (i / 10) % 10], '讲师'
         from generate_series(0, 99) as i",
        "create temporary table seed_courses as
         select gen_random_uuid() as course_id, gen_random_uuid() as revision_id, i,
             (array['建筑','化工','矿山','冶金','交通','电力','燃气','仓储','商贸','餐饮'])[1 + i % 10]
             || (array['消防安全管理','危险化学品安全','有限空间作业','高处作业','应急救援','安全生产责任制',
                       '隐患排查治理','职业健康防护','特种设备操作','创业实务'])[1 + (i / 10) % 10]
             || '（第' || (i / 100 + 1) || '期）' as name,
             (array['principal','safety_manager','special_operations','frontline_workers','skill_upgrade',
                    'employment_skills','apprenticeship','start_your_business','improve_your_business','startup_practice'])[1 + (i / 7) % 10] as training_type
         from generate_series(1, 10000) as i",
        "insert into courses (course_id, tenant_id, kind, course_no, listing, created_by)
         select course_id, $1, 'vod', 'DEMO-AQ-2026-' || lpad(i::text, 6, '0'), 'published', $2 from seed_courses",
        "insert into course_revisions (revision_id, tenant_id, course_id, revision_no, status, name, summary,
             category, training_type, tags, copyright_holder, duration_seconds, created_by)
         select revision_id, $1, course_id, 1, 'published', name, name || '：法规要求、典型事故案例与操作规范。',
             case when training_type in ('principal','safety_manager','special_operations','frontline_workers') then 'safety_production'
                  when training_type in ('skill_upgrade','employment_skills','apprenticeship') then 'vocational_skills'
                  else 'entrepreneurship' end,
             training_type, array['安全', '培训'], '演示培训中心', 2700, $2
         from seed_courses",
        "insert into course_lecturers (revision_id, tenant_id, lecturer_id, position)
         select s.revision_id, $1, l.lecturer_id, 1 from seed_courses s
         join (select lecturer_id, row_number() over (order by lecturer_id) - 1 as n from lecturers) l on l.n = s.i % 100",
        "update courses c set live_revision_id = s.revision_id from seed_courses s where s.course_id = c.course_id",
        "update course_revisions r set search_text = lower(concat_ws(' ', r.name, c.course_no,
             (select string_agg(l.name, ' ') from course_lecturers cl join lecturers l on l.lecturer_id = cl.lecturer_id
              where cl.revision_id = r.revision_id), array_to_string(r.tags, ' '), r.summary))
         from courses c where c.course_id = r.course_id",
        "analyze",
    ] {
        let query = sqlx::query(sql);
        let query = if sql.contains("$2") { query.bind(tenant).bind(author) } else if sql.contains("$1") { query.bind(tenant) } else { query };
        query.execute(&mut conn).await.unwrap_or_else(|e| panic!("{e}: {sql}"));
    }
}
