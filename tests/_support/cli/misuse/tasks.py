from invoke import Collection


def not_a_task(c):
    pass


ns = Collection()
ns.add_collection(Collection("a"), name="x")
ns.add_collection(Collection("b"), name="x")
