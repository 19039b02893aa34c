"""What the demo pages say alike in English and in Spanish."""

# The helpline from Site settings (core/placeholders.py): right whenever the number changes.
HELPLINE = "[[helpline]]"

# "Free help in your language", in the languages most spoken in Los Angeles after English and Spanish.
OTHER_TAGLINES = f"""\
<p lang="zh-Hant">如果您說中文，我們免費提供您的語言協助。請致電 {HELPLINE}。</p>
<p lang="tl">Kung Tagalog ang wika mo, may libreng tulong kami sa iyong wika. Tumawag sa {HELPLINE}.</p>
<p lang="vi">Nếu quý vị nói tiếng Việt, chúng tôi giúp đỡ miễn phí bằng ngôn ngữ của quý vị. Xin gọi {HELPLINE}.</p>
<p lang="ko">한국어를 하시면 무료로 언어 도움을 드립니다. {HELPLINE}로 전화하십시오.</p>
<p lang="hy">Եթե խոսում եք հայերեն, մենք անվճար օգնություն ենք առաջարկում ձեր լեզվով։ Զանգահարեք {HELPLINE}։</p>
<p lang="fa" dir="rtl">اگر فارسی صحبت می‌کنید، به زبان خودتان به‌طور رایگان به شما کمک می‌کنیم. با {HELPLINE} تماس بگیرید.</p>
<p lang="ru">Если вы говорите по-русски, мы бесплатно поможем вам на вашем языке. Звоните {HELPLINE}.</p>
<p lang="ja">日本語を話される方には、無料で言語の支援をいたします。{HELPLINE} にお電話ください。</p>
<p lang="ar" dir="rtl">إذا كنت تتحدث العربية، نقدم لك مساعدة مجانية بلغتك. اتصل على {HELPLINE}.</p>"""
