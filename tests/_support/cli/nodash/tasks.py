from invoke import Collection, task


@task
def build_all(c):
    """Build everything."""
    print("build_all ran")


@task
def run_migrations(c, dry_run=False):
    print(f"run_migrations dry_run={dry_run}")


db_tools = Collection("db_tools", run_migrations)
ns = Collection(build_all, db_tools)
