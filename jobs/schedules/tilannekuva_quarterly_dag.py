"""Apache Airflow DAG for the quarterly situational picture (Airflow 2.4+).

Runs on the 20th of the month after each quarter. The quarter is derived from the run's data interval, so
backfills and reruns of an old run refresh that run's quarter, not today's. Refresh (whose file checks stop it
with exit 4 before any gold table changes), then publish after a person approves in the Airflow UI (mark the
`approve` task as success), or automatically when APPROVAL is False.
"""
from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator

LAUNCHER = "/opt/tilannekuva/jobs/tilannekuva"
ENV = {"TILANNEKUVA_CONF_FILE": "/etc/tilannekuva/production.conf", "TILANNEKUVA_JAVA_OPTS": "-Xmx8g"}
APPROVAL = True
# The quarter before the run date: the data interval of a quarterly schedule ends where the quarter ends.
QUARTER = "{{ data_interval_start.year }}Q{{ (data_interval_start.month - 1) // 3 + 1 }}"

with DAG(
    dag_id="tilannekuva_quarterly",
    start_date=datetime(2025, 10, 1),
    schedule="15 6 20 1,4,7,10 *",
    catchup=False,
    max_active_runs=1,
    tags=["tilannekuva"],
) as dag:
    # Exit codes: 2 bad arguments, 3 input missing, 4 a check failed: Airflow marks the task failed on any of them.
    refresh = BashOperator(
        task_id="refresh",
        bash_command=f"{LAUNCHER} quarterly-refresh --quarter {QUARTER} --require-approval",
        env=ENV,
        append_env=True,
    )
    publish = BashOperator(
        task_id="publish",
        bash_command=f"{LAUNCHER} publish --quarter {QUARTER}",
        env=ENV,
        append_env=True,
    )
    if APPROVAL:
        # A person marks this task as success after reviewing the refreshed picture (e.g. its notebook).
        approve = EmptyOperator(task_id="approve")
        refresh >> approve >> publish
    else:
        refresh >> publish
