//! The benchmark's view of the PostgreSQL cluster itself, as its superuser (`ZHIPEI_TEST_PG_URL`):
//! where its postmaster runs (for its CPU), its WAL, its checkpoints.

use sqlx::{Connection, PgConnection};

pub struct Cluster {
    superuser: PgConnection,
    /// The postmaster's pid: the database's CPU is its and its children's.
    pub postmaster: u32,
}

/// Where the WAL stands: bytes written since the cluster began, and how many segment files
/// `pg_wal` holds (written or recycled for later).
#[derive(Clone, Copy)]
pub struct WalMark {
    pub bytes: i64,
    pub files: i64,
}

impl Cluster {
    pub async fn connect() -> Cluster {
        let admin = std::env::var("ZHIPEI_TEST_PG_URL").expect("ZHIPEI_TEST_PG_URL");
        let mut superuser = PgConnection::connect(&admin).await.unwrap();
        // Only a superuser may read where the cluster lives (its postmaster's pid is there).
        let data_dir: String = sqlx::query_scalar("select current_setting('data_directory')")
            .fetch_one(&mut superuser)
            .await
            .unwrap();
        let postmaster = std::fs::read_to_string(format!("{data_dir}/postmaster.pid"))
            .ok()
            .and_then(|s| s.lines().next().and_then(|l| l.trim().parse().ok()))
            .expect("the postmaster's pid");
        Cluster {
            superuser,
            postmaster,
        }
    }

    /// Makes a fresh cluster look like one in service. A cluster that has been through
    /// checkpoints writes its WAL into files recycled from before; a fresh one creates each
    /// 16 MB file as it needs it, zero-filling and syncing it while every commit waits (some
    /// 70 ms on this machine's disk, every 2 s of the heartbeat load). So this creates `files`
    /// WAL files (a WAL record, so that the switch has something to end, then a switch, each)
    /// and checkpoints, which recycles them as far as `min_wal_size` lets it keep them, and
    /// restarts the checkpoint timer: no timed checkpoint falls in the next
    /// `checkpoint_timeout` either.
    pub async fn put_in_service(&mut self, files: u32) {
        sqlx::query(&format!(
            "do $$ begin
                 for i in 1..{files} loop
                     perform pg_logical_emit_message(false, 'zhipei-bench', '');
                     perform pg_switch_wal();
                 end loop;
             end $$"
        ))
        .execute(&mut self.superuser)
        .await
        .unwrap();
        self.checkpoint().await;
    }

    pub async fn checkpoint(&mut self) {
        sqlx::query("checkpoint")
            .execute(&mut self.superuser)
            .await
            .unwrap();
    }

    pub async fn wal(&mut self) -> WalMark {
        let (bytes, files) = sqlx::query_as(
            "select (pg_current_wal_lsn() - '0/0')::bigint,
                    (select count(*) from pg_ls_waldir() where name ~ '^[0-9A-F]{24}$')",
        )
        .fetch_one(&mut self.superuser)
        .await
        .unwrap();
        WalMark { bytes, files }
    }
}
