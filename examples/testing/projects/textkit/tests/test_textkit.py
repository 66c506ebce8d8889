import unittest

from textkit import initials, slug


class TestSlug(unittest.TestCase):
    def test_slug(self):
        self.assertEqual(slug("Hello  Big World"), "hello-big-world")


class TestInitials(unittest.TestCase):
    def test_initials(self):
        self.assertEqual(initials("ada lovelace"), "AL")
