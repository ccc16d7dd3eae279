"""Apache Airflow DAGs for the quarterly situational picture (Airflow 2.4+).

Two DAGs, so that nothing is published before a person has looked:

* ``tilannekuva_quarterly`` runs on the 20th of the month after each quarter and only refreshes. The quarter is
  derived from the run's data interval, so backfills and reruns of an old run refresh that run's quarter, not
  today's. Its file checks stop it with exit 4 before any gold table changes. It never publishes.
* ``tilannekuva_publish`` has no schedule: it runs only when a person triggers it with the quarter and their own
  name, after reviewing the refreshed picture (the quarterly review notebook, the draft report)::

      airflow dags trigger tilannekuva_publish --conf '{"quarter": "2025Q4", "approved_by": "Maija Meikäläinen"}'

  or "Trigger DAG w/ config" in the Airflow UI. A trigger without both values is refused by Airflow (the params
  have no defaults), and the first task fails unless the quarter's latest refresh succeeded.
"""
from datetime import datetime

from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator

LAUNCHER = "/opt/tilannekuva/jobs/tilannekuva"
ENV = {"TILANNEKUVA_CONF_FILE": "/etc/tilannekuva/production.conf", "TILANNEKUVA_JAVA_OPTS": "-Xmx8g"}
# The quarter before the run date: the data interval of a quarterly schedule ends where the quarter ends.
QUARTER = "{{ data_interval_start.year }}Q{{ (data_interval_start.month - 1) // 3 + 1 }}"

# Exit codes: 2 bad arguments, 3 input missing, 4 a check failed: Airflow marks the task failed on any of them.
with DAG(
    dag_id="tilannekuva_quarterly",
    start_date=datetime(2025, 10, 1),
    schedule="15 6 20 1,4,7,10 *",
    catchup=False,
    max_active_runs=1,
    tags=["tilannekuva"],
    doc_md="Refreshes the quarter. Publishing is the separate, person-triggered DAG tilannekuva_publish.",
) as refresh_dag:
    BashOperator(
        task_id="refresh",
        bash_command=f"{LAUNCHER} quarterly-refresh --quarter {QUARTER} --require-approval",
        env=ENV,
        append_env=True,
    )

with DAG(
    dag_id="tilannekuva_publish",
    start_date=datetime(2025, 10, 1),
    schedule=None,
    catchup=False,
    max_active_runs=1,
    tags=["tilannekuva"],
    params={
        "quarter": Param(type="string", pattern=r"^[0-9]{4}Q[1-4]$",
                         description="The reviewed quarter, e.g. 2025Q4."),
        "approved_by": Param(type="string", minLength=2,
                             description="Who reviewed the refreshed picture and approves its publication."),
    },
    doc_md=__doc__,
) as publish_dag:
    # The approver's name goes to the task log, beside Airflow's own record of who triggered the run.
    publish = BashOperator(
        task_id="publish",
        bash_command=(f"echo \"approved by: $APPROVED_BY\" && "
                      f"{LAUNCHER} publish --quarter {{{{ params.quarter }}}}"),
        env={**ENV, "APPROVED_BY": "{{ params.approved_by }}"},
        append_env=True,
    )
