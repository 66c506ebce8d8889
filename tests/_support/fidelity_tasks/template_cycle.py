from invoke import Collection, TaskTemplate, task


class Base(TaskTemplate):
    @task
    def start(self, c):
        print("base start")


class Special(Base):
    @task(pre=[Base.start])
    def start(self, c):
        print("special start")


ns = Collection()
ns.add_collection(Collection.from_object(Special(), name="special"))
