"""Checks the structure of jobs/schedules/tilannekuva_quarterly_dag.py without a scheduler.

Airflow is not installed where the tests run, so this file puts a small stand-in of the four names the DAG file
imports on the module path, loads the DAG file, and checks what the approval relies on: the scheduled DAG never
publishes, and the publish DAG has no schedule and no way to run without a quarter and an approver's name.
Run: python3 src/test/python/dag_structure_test.py jobs/schedules/tilannekuva_quarterly_dag.py
"""
import re
import runpy
import sys
import types
import unittest

DAGS = {}


class DAG:
    def __init__(self, dag_id, schedule=None, params=None, **kwargs):
        self.dag_id, self.schedule, self.params, self.tasks, self.kwargs = dag_id, schedule, params or {}, [], kwargs
        DAGS[dag_id] = self

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None


class BaseOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id, self.kwargs, self.downstream = task_id, kwargs, []
        self.dag = DAG.current
        self.dag.tasks.append(self)

    def __rshift__(self, other):
        self.downstream.append(other)
        return other


class BashOperator(BaseOperator):
    pass


class EmptyOperator(BaseOperator):
    pass


class Param:
    def __init__(self, default=None, **schema):
        self.default, self.schema = default, schema


def install_stand_in():
    modules = {
        "airflow": {"DAG": DAG},
        "airflow.models": {},
        "airflow.models.param": {"Param": Param},
        "airflow.operators": {},
        "airflow.operators.bash": {"BashOperator": BashOperator},
        "airflow.operators.empty": {"EmptyOperator": EmptyOperator},
    }
    for name, names in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(names)
        sys.modules[name] = module


class DagStructureTest(unittest.TestCase):
    dag_file = None

    @classmethod
    def setUpClass(cls):
        install_stand_in()
        runpy.run_path(cls.dag_file)

    def test_the_scheduled_dag_refreshes_and_never_publishes(self):
        dag = DAGS["tilannekuva_quarterly"]
        self.assertEqual("15 6 20 1,4,7,10 *", dag.schedule)
        self.assertEqual(["refresh"], [t.task_id for t in dag.tasks])
        command = dag.tasks[0].kwargs["bash_command"]
        self.assertIn("quarterly-refresh", command)
        self.assertIn("--require-approval", command, "without it quarterly-refresh publishes by itself")
        for task in dag.tasks:
            self.assertNotRegex(task.kwargs.get("bash_command", ""), r"\bpublish\b(?!.*--require-approval)")

    def test_publishing_runs_only_when_a_person_triggers_it_with_a_name(self):
        dag = DAGS["tilannekuva_publish"]
        self.assertIsNone(dag.schedule, "a schedule would publish without a person")
        self.assertEqual(["publish"], [t.task_id for t in dag.tasks])
        for name in ("quarter", "approved_by"):
            self.assertIsNone(dag.params[name].default, name + " must be given by the person who triggers")
        self.assertTrue(re.fullmatch(dag.params["quarter"].schema["pattern"], "2025Q4"))
        self.assertIsNone(re.fullmatch(dag.params["quarter"].schema["pattern"], "previous"),
                          "the approver names the quarter they reviewed")
        self.assertGreaterEqual(dag.params["approved_by"].schema["minLength"], 1)
        task = dag.tasks[0]
        self.assertIn("publish --quarter {{ params.quarter }}", task.kwargs["bash_command"])
        self.assertEqual("{{ params.approved_by }}", task.kwargs["env"]["APPROVED_BY"])

    def test_no_task_can_succeed_by_itself(self):
        for dag in DAGS.values():
            for task in dag.tasks:
                self.assertNotIsInstance(task, EmptyOperator, dag.dag_id + "." + task.task_id
                                         + " would be marked successful at once")


if __name__ == "__main__":
    DagStructureTest.dag_file = sys.argv.pop(1)
    unittest.main(verbosity=2)
