//! Row-level security as the server's own role, at the SQL level.

use sqlx::{Connection, Row};

use crate::helpers::spawn_app;

async fn count_users(conn: &mut sqlx::PgConnection) -> i64 {
    sqlx::query_scalar("select count(*) from users")
        .fetch_one(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_server_role_owns_nothing_and_cannot_bypass_rls() {
    let app = spawn_app().await;
    let mut conn = app.connect_as("postgres").await;
    let row =
        sqlx::query("select rolsuper, rolbypassrls from pg_roles where rolname = 'zhipei_app'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(!row.get::<bool, _>(0) && !row.get::<bool, _>(1));
    let owned: i64 = sqlx::query_scalar(
        "select count(*) from pg_tables where schemaname = 'public' and tableowner = 'zhipei_app'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(owned, 0);
    // `jobs` has RLS enabled but not forced, on purpose (0002): the owner's `claim_job` picks the
    // next job across tenants; the server role is still filtered (checked below).
    let unforced: Vec<String> = sqlx::query_scalar(
        "select relname::text from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
           and relname not in ('casbin_rule', '_sqlx_migrations', 'jobs') and not (relrowsecurity and relforcerowsecurity)",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(
        unforced.is_empty(),
        "tables without forced RLS: {unforced:?}"
    );
    let jobs_rls: bool =
        sqlx::query_scalar("select relrowsecurity from pg_class where relname = 'jobs'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(jobs_rls, "jobs has row-level security for the server role");
}

#[tokio::test]
async fn without_a_tenant_no_rows_are_visible() {
    let app = spawn_app().await;
    let mut conn = app.connect_as("zhipei_app").await;
    assert_eq!(
        count_users(&mut conn).await,
        0,
        "the demo tenant has users, but none show without app.tenant_id"
    );
    let mut owner = app.connect_as("zhipei_owner").await;
    assert_eq!(
        count_users(&mut owner).await,
        0,
        "the owner is subject to FORCE RLS too"
    );
    let mut superuser = app.connect_as("postgres").await;
    assert!(count_users(&mut superuser).await > 0, "the rows exist");
}

#[tokio::test]
async fn tenant_b_rows_are_invisible_to_tenant_a_and_cannot_be_written() {
    let app = spawn_app().await;
    let a = app.tenant_id("demo").await;
    let b = app.create_tenant("other").await;
    app.add_staff("other", "b-admin", shared_types::Role::RegulatorAdmin)
        .await;
    let mut conn = app.connect_as("zhipei_app").await;
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(a.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let foreign: i64 = sqlx::query_scalar("select count(*) from users where tenant_id = $1")
        .bind(b)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(foreign, 0);
    let own: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert!(own >= 9);
    // An update aimed at B's rows touches nothing.
    let touched = sqlx::query("update users set enabled = false where tenant_id = $1")
        .bind(b)
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(touched.rows_affected(), 0);
    // An insert carrying B's id is refused by the policy's WITH CHECK.
    let insert = sqlx::query(
        "insert into audit_log (tenant_id, action, object, result) values ($1, 'forged', 'x', 'success')",
    )
    .bind(b)
    .execute(&mut *tx)
    .await;
    assert!(insert.is_err(), "insert with another tenant's id must fail");
    tx.rollback().await.unwrap();

    // Moving one of A's rows into B is refused as well.
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(a.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let moved = sqlx::query("update users set tenant_id = $1")
        .bind(b)
        .execute(&mut *tx)
        .await;
    let err = moved.expect_err("moving rows to another tenant must fail");
    assert!(err.to_string().contains("row-level security"), "{err}");
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn the_audit_trail_is_append_only_for_the_server() {
    let app = spawn_app().await;
    let a = app.tenant_id("demo").await;
    let mut conn = app.connect_as("zhipei_app").await;
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(a.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("insert into audit_log (tenant_id, action, object, result) values ($1, 'test', 'x', 'success')")
        .bind(a)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for statement in [
        "update audit_log set result = 'forged'",
        "delete from audit_log",
    ] {
        let mut tx = conn.begin().await.unwrap();
        sqlx::query("select set_config('app.tenant_id', $1, true)")
            .bind(a.to_string())
            .execute(&mut *tx)
            .await
            .unwrap();
        let err = sqlx::query(statement)
            .execute(&mut *tx)
            .await
            .expect_err(statement);
        assert!(
            err.to_string().contains("permission denied"),
            "{statement}: {err}"
        );
        tx.rollback().await.unwrap();
    }
}

#[tokio::test]
async fn pii_is_never_stored_in_clear() {
    let app = spawn_app().await;
    // The superuser sees every tenant's rows (the owner is subject to FORCE RLS).
    let mut conn = app.connect_as("postgres").await;
    let dump: Vec<Vec<u8>> = sqlx::query_scalar("select convert_to(u::text, 'UTF8') from users u")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(!dump.is_empty());
    for row in dump {
        let text = String::from_utf8_lossy(&row);
        assert!(
            !text.contains("13800000001") && !text.contains("演示"),
            "clear PII in {text}"
        );
    }
}
