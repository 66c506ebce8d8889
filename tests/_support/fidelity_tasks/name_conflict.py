"""Template instances whose names clash; CONFLICT (an env var) picks the case."""

import os

from invoke import Collection, TaskTemplate, task


class Service(TaskTemplate):
    def __init__(self, name):
        self.collection_name = name

    @task
    def start(self, c):
        print(f"starting {self.collection_name}")


class Worker(Service):
    pass


@task
def web(c):
    print("web task")


case = os.environ.get("CONFLICT", "none")
if case == "same-class":
    ns = Collection(Service("web"), Service("web"))
elif case == "two-classes":
    ns = Collection(Service("web"), Worker("web"))
elif case == "task-first":
    ns = Collection(web, Service("web"))
elif case == "instance-first":
    ns = Collection(Service("web"), web)
elif case == "add-collection":
    ns = Collection(Service("api_server"))
    ns.add_collection(Worker("api-server"))
else:
    # The fix the errors suggest: a keyword name, or add_collection(name=...).
    ns = Collection(Service("web"), other=Worker("web"))
    ns.add_collection(Service("web"), name="third")
