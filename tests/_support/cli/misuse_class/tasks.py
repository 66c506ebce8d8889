from invoke import Collection, TaskTemplate, task


class ServiceBase(TaskTemplate):
    def __init__(self, service_name):
        self.service_name = service_name

    @task
    def start(self, c):
        print(f"start {self.service_name}")


# A mistake: the class itself, not an instance.
ns = Collection(ServiceBase)
