"""declutter's compiled kernels (Cython), built where a C compiler is at hand. Without one, or
without Cython, the package installs all the same and runs its pure-Python kernels, which give
the same answers (declutter/kernels)."""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """build_ext that warns instead of failing: the kernels are a speed-up, never a requirement."""

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
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    return cythonize([Extension("declutter.kernels._compiled", ["declutter/kernels/_compiled.pyx"])],
                     compiler_directives={"language_level": 3}, quiet=True)


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
