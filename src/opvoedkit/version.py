"""The version, in a module of its own so that any stage can name it without importing the
package's public API (which imports the stages)."""

__version__ = "0.1.0"
