"""Build the compiled matching kernel; everything else is declared in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "sanctio.matching._kernel",
            sources=["src/sanctio/matching/_kernel.pyx"],
            extra_compile_args=["-O3"],
        )
    ]
)
