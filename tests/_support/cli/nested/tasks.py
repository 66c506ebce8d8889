"""Root namespace docstring."""

from invoke import Collection, task


@task
def top(c):
    """Top level task."""
    print("top")


@task(default=True)
def build_all(c):
    """Build everything."""
    print("build-all")


@task(aliases=["up"])
def deploy_web(c, target="prod"):
    """Deploy the web tier."""
    print(f"deploy-web {target}")


@task
def db_migrate(c):
    """Run migrations."""
    print("migrate")


@task(default=True)
def db_default(c):
    print("db-default")


@task
def extra(c):
    """Added under an alias given to add_task."""
    print("extra")


inner = Collection("inner", db_migrate, db_default)
deploy = Collection("deploy", deploy_web, inner)
deploy.add_task(extra, aliases=["more"])
ns = Collection(top, build_all, deploy)
