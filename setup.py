"""declutter's compiled kernels (Cython), built where a C compiler is at hand. Without one, or
without Cython, the package installs all the same and runs its pure-Python kernels, which give
the same answers (declutter/kernels)."""

from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNELS = "declutter.kernels._compiled"
# Without debugging symbols: a run's key digests every file of the package (run/outputs.py), and
# symbols made the kernels' library 1.3 MB instead of about 0.2.
UNIX_FLAGS = {"extra_compile_args": ["-g0"], "extra_link_args": ["-s"]}


class OptionalBuildExt(build_ext):
    """build_ext that warns instead of failing: the kernels are a speed-up, never a requirement."""

    def build_extensions(self) -> None:
        if self.compiler.compiler_type == "unix":
            for ext in self.extensions:
                for key, flags in UNIX_FLAGS.items():
                    getattr(ext, key).extend(flags)
        super().build_extensions()

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler, no Python headers …
            self.warn(f"declutter's compiled kernels were not built ({error}); the pure-Python ones will run")

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:
            self.warn(f"{ext.name} was not built ({error}); the pure-Python kernels will run")


def extensions() -> list[Extension]:
    """The kernels' extension: from the Cython source where Cython is at hand, else from the C
    source Cython made (an sdist carries both), else none."""
    source = Path("declutter/kernels/_compiled.pyx")
    try:
        from Cython.Build import cythonize
    except ImportError:
        cythonize = None
    if cythonize is not None and source.exists():
        return cythonize([Extension(KERNELS, [str(source)])], compiler_directives={"language_level": 3}, quiet=True)
    generated = source.with_suffix(".c")
    return [Extension(KERNELS, [str(generated)])] if generated.exists() else []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
