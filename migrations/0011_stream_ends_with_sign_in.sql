-- A learner's progress stream (`GET /api/v1/me/progress/stream`) ends with the sign-in it was
-- opened with: whenever a sign-in session ends (sign-out, a sign-in elsewhere, a disabled
-- account, a changed password or phone), every server node hears of it on the `learning`
-- channel (`backend/src/learning/stream.rs`, `Push::EndedSession`) and closes that session's
-- streams. A trigger, so that no way of ending a session can forget it.
create function sessions_ended_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('learning', json_build_array(json_build_object(
        'tenant_id', new.tenant_id, 'user_id', new.user_id, 'ended_session', new.session_id))::text);
    return null;
end $$;

create trigger sessions_ended after update of ended_at on sessions
    for each row when (old.ended_at is null and new.ended_at is not null)
    execute function sessions_ended_notify();
