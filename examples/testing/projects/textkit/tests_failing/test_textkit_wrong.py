import unittest

from textkit import slug


class TestDeliberatelyWrong(unittest.TestCase):
    def test_slug_is_wrong_on_purpose(self):
        self.assertEqual(slug("A B"), "A_B")
