import unittest

from calc import add


class TestDeliberatelyWrong(unittest.TestCase):
    def test_add_is_wrong_on_purpose(self):
        self.assertEqual(add(2, 2), 5)

    def test_this_one_passes(self):
        self.assertEqual(add(1, 1), 2)
