"""The official report (báo cáo) laid out by Nghị định 30/2020/NĐ-CP: text and docx.
"""
