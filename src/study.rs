//! The measure the Lyon study led with: the métiers, and their agents, doing at least one task
//! that generative AI can do in whole or in large part (a task scored 0.50 or more,
//! [`crate::classify::task_exposed`]), whatever the rest of the job. A job without task rows
//! scored from the ILO tasks of its occupation counts by those tasks.

use serde::Serialize;

use crate::aggregate::JobExposure;

/// Jobs and agents doing at least one exposed task, among the jobs classified (the shares'
/// base, as for the agents concerned and exposed).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct WithExposedTask {
    /// Jobs (métiers) with at least one exposed task.
    pub jobs: u64,
    /// Of the jobs classified.
    pub share_jobs: Option<f64>,
    /// Agents (or FTE) of those jobs.
    pub agents: f64,
    /// Of the agents classified.
    pub share_agents: Option<f64>,
    /// The base of `share_jobs`: jobs that have a class.
    pub jobs_classified: u64,
}

pub fn with_exposed_task<'a>(jobs: impl IntoIterator<Item = &'a JobExposure>) -> WithExposedTask {
    let mut w = WithExposedTask::default();
    let mut agents_classified = 0.0;
    for j in jobs.into_iter().filter(|j| j.class.is_some()) {
        w.jobs_classified += 1;
        agents_classified += j.headcount;
        if j.tasks_exposed > 0 {
            w.jobs += 1;
            w.agents += j.headcount;
        }
    }
    let share = |n: f64, of: f64| (of > 0.0).then(|| n / of);
    w.share_jobs = share(w.jobs as f64, w.jobs_classified as f64);
    w.share_agents = share(w.agents, agents_classified);
    w
}
