"""Running Taskboard for years: the portable archive, backups and restores, safe upgrades.

`flask dump/load/backup/restore` (commands.py) translate these functions' results and errors.
"""
