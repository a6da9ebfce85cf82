"""Given names and family names from many cultures, for negative (unlisted) queries.

Common names only, so that negatives look like a real customer base; the harness drops
any generated name that a listed name contains (or is contained by).
"""

GIVEN = {
    "english": "James John Robert Michael William David Richard Thomas Charles Daniel Matthew "
    "Anthony Mark Steven Paul Andrew Joshua Kevin Brian George Emily Sarah Jessica Laura Emma "
    "Olivia Sophie Hannah Rachel Megan Claire Rebecca Lucy Charlotte Amelia Grace",
    "spanish": "José Juan Luis Carlos Javier Miguel Alejandro Fernando Pablo Sergio Diego Jorge "
    "Andrés Ricardo Eduardo María Carmen Lucía Ana Isabel Elena Paula Marta Sofía Valentina "
    "Camila Gabriela Daniela Rosa Teresa",
    "german": "Hans Jürgen Klaus Wolfgang Stefan Thomas Andreas Michael Frank Uwe Dieter Sabine "
    "Ursula Monika Petra Birgit Katrin Anja Julia Lena",
    "french": "Jean Pierre Michel Philippe Alain Nicolas François Olivier Julien Mathieu Sylvie "
    "Isabelle Nathalie Catherine Céline Camille Chloé Manon Élodie Aurélie",
    "russian": "Alexei Dmitri Ivan Sergei Nikolai Andrei Pavel Mikhail Vladislav Yuri Oleg Igor "
    "Anatoly Konstantin Natalia Olga Tatiana Svetlana Irina Ekaterina Anastasia Yulia Marina",
    "chinese": "Wei Fang Jing Lei Min Jun Yan Hui Ling Qiang Xiaoming Jianguo Haiyan Xiuying "
    "Guiying Zhiwei Yufei Mingzhu Chenguang Tianyu",
    "indian": "Rahul Amit Sanjay Vikram Rajesh Suresh Anil Arjun Rohan Karan Priya Anjali Pooja "
    "Sunita Kavita Deepika Neha Shreya Lakshmi Meera",
    "arabic": "Khalid Tariq Samir Karim Nabil Walid Hisham Rami Fadi Bassam Ziad Maher Layla "
    "Rania Dalia Nour Yasmin Huda Salma Amira",
    "turkish": "Mehmet Mustafa Ahmet Emre Burak Murat Hakan Cem Serkan Ozan Ayşe Fatma Elif Zeynep "
    "Merve Esra Büşra Deniz",
    "persian": "Dariush Kourosh Arash Babak Farhad Kamran Behnam Shahram Parisa Shirin Nasrin "
    "Mahnaz Leila Roya Azadeh",
    "african": "Chinedu Emeka Oluwaseun Kwame Kofi Tendai Thabo Sipho Jabari Amara Ngozi Chiamaka "
    "Adaeze Wanjiru Abena Nia Zola Folake",
    "japanese": "Hiroshi Takashi Kenji Yuki Daisuke Haruto Sota Ren Akiko Yumiko Haruka Sakura "
    "Yui Aoi Misaki",
    "korean": "Minjun Seojun Jihoon Hyunwoo Donghyun Jiwoo Seoyeon Jiyeon Soyeon Eunji Hayoon",
    "vietnamese": "Minh Tuan Hung Duc Thanh Long Huong Lan Mai Thao Linh Trang",
}

FAMILY = {
    "english": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas "
    "Moore Jackson Martin Thompson White Harris Clark Lewis Walker Hall Young King Wright Green "
    "Baker Adams Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards "
    "Collins Stewart Morris",
    "spanish": "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres "
    "Flores Rivera Gómez Díaz Reyes Morales Jiménez Ruiz Álvarez Castillo Romero Vargas Navarro",
    "german": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann",
    "french": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard",
    "russian": "Smirnov Kuznetsov Popova Vasiliev Sokolova Mikhailov Novikova Fedorov Morozova "
    "Volkov Alekseeva Lebedev Semenova Egorov Pavlova Kozlov Stepanova Nikolaev Orlova Andreev",
    "chinese": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo",
    "indian": "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Mehta Joshi Chopra Kapoor "
    "Malhotra Bose Banerjee Mukherjee Desai Pillai Rao",
    "arabic": "Haddad Khoury Nassar Saleh Mansour Hamdan Awad Barakat Darwish Farah Haddad Jaber "
    "Khalil Najjar Qasim Rahal Sabbagh Tamimi Zaher Bitar",
    "turkish": "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
    "Kılıç Aslan Çetin Kara Koç Kurt",
    "persian": "Ahmadi Hosseini Karimi Rahimi Moradi Jafari Rezaei Mohammadi Kazemi Sadeghi "
    "Hashemi Ebrahimi Ghasemi Najafi Shirazi",
    "african": "Okafor Adeyemi Mensah Owusu Boateng Okonkwo Nwosu Abiodun Mutua Kamau Otieno "
    "Ndlovu Dlamini Moyo Banda Phiri Diallo Traoré Keita",
    "japanese": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
    "Yoshida Yamada Sasaki Yamaguchi Matsumoto",
    "korean": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon",
    "vietnamese": "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly",
}

COMPANY_WORDS = (
    "Blue River Northern Star Green Valley Silver Oak Golden Gate Atlas Apex Summit Horizon "
    "Pioneer Crescent Harbor Maple Cedar Phoenix Orion Zenith Vertex Meridian Coastal Alpine "
    "Sunrise Evergreen Riverside Highland Lakeside Granite"
).split()
COMPANY_KINDS = (
    "Trading|Logistics|Consulting|Foods|Textiles|Engineering|Holdings|Shipping|Software|"
    "Pharma|Construction|Energy|Imports|Exports|Media|Insurance|Capital|Metals|Farms|Travel"
).split("|")
LEGAL_FORMS = "LLC|Ltd|GmbH|SA|SARL|BV|Inc.|Corp.|JSC|PLC|S.p.A.|Co., Ltd.|AG|OOO|LLP".split("|")

PUBLIC_FIGURES = [
    "Antony Blinken",
    "Angela Merkel",
    "Emmanuel Macron",
    "Narendra Modi",
    "Jacinda Ardern",
    "Olaf Scholz",
    "Justin Trudeau",
    "Mark Rutte",
    "Pedro Sanchez",
    "Giorgia Meloni",
    "Cyril Ramaphosa",
    "Luiz Inacio Lula da Silva",
    "Recep Tayyip Erdogan",
    "Abdel Fattah el-Sisi",
    "Mohammed bin Salman",
    "Ursula von der Leyen",
    "Rishi Sunak",
    "Keir Starmer",
    "Fumio Kishida",
    "Anwar Ibrahim",
]
