//! Loading server data into a component: `use_remote(query, loader)` refetches whenever `query`
//! changes or `reload` is called, and keeps the last answer while the next one loads.

use std::future::Future;
use std::rc::Rc;

use shared_types::ApiError;
use yew::prelude::*;

pub struct Remote<T> {
    pub data: Option<Rc<T>>,
    pub loading: bool,
    pub error: Option<ApiError>,
    pub reload: Callback<()>,
}

#[hook]
pub fn use_remote<Q, T, F, Fut>(query: Q, loader: F) -> Remote<T>
where
    Q: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(Q) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let data = use_state(|| None::<Rc<T>>);
    let loading = use_state_eq(|| true);
    let error = use_state_eq(|| None::<ApiError>);
    let generation = use_state_eq(|| 0u32);
    {
        let (data, loading, error) = (data.clone(), loading.clone(), error.clone());
        use_effect_with((query, *generation), move |(query, _)| {
            loading.set(true);
            let fut = loader(query.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match fut.await {
                    Ok(value) => {
                        data.set(Some(Rc::new(value)));
                        error.set(None);
                    }
                    Err(err) => error.set(Some(err)),
                }
                loading.set(false);
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    Remote {
        data: (*data).clone(),
        loading: *loading,
        error: (*error).clone(),
        reload,
    }
}

/// Calls `tick` every `every_ms` while `active` (e.g. reload a course while its videos
/// transcode); stops when `active` turns false or the component goes away. A new `tick` (a
/// callback holding newer state) restarts the timer with it.
#[hook]
pub fn use_poll(active: bool, every_ms: u32, tick: Callback<()>) {
    use_effect_with((active, tick), move |(active, tick)| {
        let tick = tick.clone();
        let interval =
            active.then(|| gloo_timers::callback::Interval::new(every_ms, move || tick.emit(())));
        move || drop(interval)
    });
}
