-- `learner_may_study` runs whenever a learner opens a play session or fetches a courseware's
-- media. As a SQL function whose body holds a subquery it is not inlined, and its query (four
-- tables, each with its tenant policy) was planned anew on every call: about 0.7 ms a call, 49 s
-- of the database's time while the heartbeat benchmark opened 50,000 sessions. PL/pgSQL keeps
-- its plan for the connection: 0.18 ms a call (pgbench, same data). Same query, same answer.
create or replace function learner_may_study(learner uuid, course uuid) returns boolean
language plpgsql stable
as $$
begin
    return exists (select 1 from learning_task_courses kc
                   join learning_tasks k on k.task_id = kc.task_id and k.status = 'active'
                   join classes c on c.class_id = k.class_id and c.status = 'approved' and c.deleted_at is null
                   join class_trainees t on t.class_id = c.class_id and t.status = 'active'
                   where kc.course_id = course and t.user_id = learner);
end
$$;
