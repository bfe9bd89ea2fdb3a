# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""报价单 (quotation.py): what a quotation with configured lines prints,
the format it prints in, and who may print it."""
import datetime as dt
import io
import sys
import zipfile
from contextlib import contextmanager
from decimal import Decimal
from unittest.mock import patch

from lxml import etree

from trytond import config
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_sales_team)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.ame_price_strategy.tests.tools import (
    add_line, create_catalogue, create_quotation)
from trytond.modules.ame_selection import quotation
from trytond.modules.ame_selection.tests.families import (
    differential_pressure, thermocouple)
from trytond.modules.ame_selection.tests.tools import (
    MODULE_EXTRAS, create_family_products, import_families)
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.currency.tests import add_currency_rate, create_currency
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

D = Decimal
NS = {
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    }
# AM3051 coplanar differential pressure, -62~62 kPa, HART, 316L, silicone,
# aluminium 1/2-14NPT, 1/4-18NPT, 3-valve manifold, bracket and display:
# 3,800 + 1,100 (S5) + 180 (B4) + 350 (M5), 5 more days (S5)
TRANSMITTER = ({'construction': 'C', 'type': 'D', 'range': '2',
        'output': 'A', 'diaphragm': '2', 'fill': '1', 'housing': 'A',
        'connection': '1', 'manifold': 'S5'}, ['M5', 'B4'])
# WR duplex type K, fixed thread, waterproof head, Φ16, 500 mm, 316L:
# 280 + 120 + 40 + 30 + 20 + 40
THERMOCOUPLE = ({'graduation': 'N', 'elements': '2', 'fixing': '2',
        'box': '3', 'diameter': '0', 'length': '500', 'material': '316L'},
    [])


def odt_part(content, name='content.xml'):
    "The XML tree of a part of the ODT bytes"
    with zipfile.ZipFile(io.BytesIO(content)) as odt:
        return etree.fromstring(odt.read(name))


def paragraphs(node):
    "The texts of the paragraphs under node"
    return [''.join(p.itertext())
        for p in node.iterfind('.//text:p', NS)]


def table(tree, name):
    "The rows of the table name: the texts of their cells"
    table, = tree.iterfind(f'.//table:table[@table:name="{name}"]', NS)
    return [['\n'.join(paragraphs(cell))
            for cell in row.iterfind('table:table-cell', NS)]
        for row in table.iterfind('.//table:table-row', NS)]


class QuotationTestCase(AmeTestCase):
    "The quotation report of sales with configured lines"
    module = 'ame_selection'
    extras = MODULE_EXTRAS

    @contextmanager
    def world(self):
        """A company in yuan with its letterhead, the sales team (chen and
        wang, reps of two departments), the two families published with
        the products' lead times (30 and 20 days), a customer of chen and
        his draft quotation: 2 transmitters and 10 thermocouples
        configured, and a spindle unit at 2,345.67"""
        pool = Pool()
        Party = pool.get('party.party')
        ProductTemplate = pool.get('product.template')
        Line = pool.get('sale.line')
        Sale = pool.get('sale.sale')
        cny = create_currency('CNY')
        add_currency_rate(cny, 1)
        company = create_company("示例仪表有限公司", currency=cny)
        party = company.party
        Party.write([party], {
                'addresses': [('write', [party.addresses[0].id], {
                                'street': "苏州工业园区星湖街 328 号",
                                'postal_code': '215123',
                                'city': "苏州市"})],
                'contact_mechanisms': [('create', [
                            {'type': 'phone', 'value': '0512-62880000'},
                            {'type': 'email',
                                'value': 'sales@example.com'}])],
                })
        with set_company(company):
            for name, value in create_sales_team(company).items():
                setattr(self, name, value)
            self.spindle = create_catalogue()['spindle']
            families = differential_pressure(), thermocouple()
            create_family_products(*families)
            transmitter, thermocouple_ = import_families(*families)
            for template, days in [(transmitter, 30), (thermocouple_, 20)]:
                ProductTemplate.write([template.product.template],
                    {'lead_time': dt.timedelta(days=days)})
            self.customer = create_customer(
                "苏州精密机械有限公司", owner=self.chen,
                phone='13912345678',
                addresses=[('create', [{
                                'street': "苏州工业园区金鸡湖大道 88 号",
                                'city': "苏州市"}])])
            sale = create_quotation(company, self.customer, self.chen, [])
            contact, = self.customer.contact_mechanisms
            contact.name = "张经理"
            contact.save()
            Sale.write([sale], {
                    'contact': contact.id,
                    'comment': "付款方式：合同签订后预付 30%，发货前付清。\n"
                    "交货地点：买方工厂。",
                    })
            for template, (selections, extras), quantity in [
                    (transmitter, TRANSMITTER, 2),
                    (thermocouple_, THERMOCOUPLE, 10)]:
                Line.add_configured(sale, template.current_version,
                    selections, extras, quantity)
            add_line(sale, self.spindle, 1, unit_price='2345.67')
            self.company = company
            self.sale = Sale(sale.id)
            yield company

    def print_quotation(self, sale):
        """Print the quotation of the sale as the client does from the
        sale form: (extension, content, file name)"""
        pool = Pool()
        Quotation = pool.get('ame.selection.quotation', type='report')
        ModelData = pool.get('ir.model.data')
        extension, content, _, name = Quotation.execute([sale.id], {
                'model': 'sale.sale', 'id': sale.id, 'ids': [sale.id],
                'action_id': ModelData.get_id(
                    'ame_selection', 'report_quotation'),
                })
        return extension, content, name

    @with_transaction()
    def test_quotation_content(self):
        """The quotation prints the letterhead, the number, the customer,
        one row per line with its model code, specification, price and
        lead time, the totals and the total in Chinese capitals"""
        with self.world():
            sale = self.sale
            today = dt.date.today()
            self.assertEqual(sale.quotation_number,
                f"BJ-{today:%Y%m}-0001")
            self.assertEqual(sale.total_amount, D('18505.67'))

            with patch.object(quotation.shutil, 'which', return_value=None):
                extension, content, name = self.print_quotation(sale)
            self.assertEqual(extension, 'odt')
            self.assertEqual(name, f"Quotation-{sale.quotation_number}")

            letterhead = paragraphs(odt_part(content, 'styles.xml'))
            self.assertEqual(letterhead[:2], ["示例仪表有限公司",
                    "苏州工业园区星湖街 328 号 215123 苏州市"])
            self.assertEqual(letterhead[2], "Tel.: 0512-62880000"
                "\u3000\u3000E-mail: sales@example.com")

            tree = odt_part(content)
            info = table(tree, 'Info')
            self.assertEqual(info[:3], [
                    ["Customer:", "苏州精密机械有限公司",
                        "Quotation No.:", sale.quotation_number],
                    ["Address:", "苏州工业园区金鸡湖大道 88 号 苏州市",
                        "Date:", sale.sale_date.strftime('%m/%d/%Y')],
                    ["Contact:", "张经理 <13912345678>",
                        "Valid Until:", ""],
                    ])
            self.assertEqual(info[3], ["Sales Representative:", "陈静"])

            head, transmitter, thermo, spindle = table(tree, 'Lines')
            self.assertEqual(head, ["No.", "Model Code", "Specification",
                    "Quantity", "Unit", "Unit Price", "Amount", "Lead Time"])
            self.assertEqual(
                [transmitter[i] for i in (0, 1, 3, 7)],
                ["1", "AM3051CD2A21A1-S5/B4/M5", "2", "35 days"])
            self.assertEqual(
                [thermo[i] for i in (0, 1, 3, 7)],
                ["2", "WRN2-230-500-316L", "10", "20 days"])
            # The product's name where it has no code; no lead time known
            self.assertEqual(
                [spindle[i] for i in (0, 1, 2, 3, 7)],
                ["3", "主轴单元", "", "1", ""])
            # Unit prices with the currency's decimals
            for row, unit_price, amount in [
                    (transmitter, '5,430.00', '10,860.00'),
                    (thermo, '530.00', '5,300.00'),
                    (spindle, '2,345.67', '2,345.67')]:
                self.assertTrue(row[5].endswith(unit_price), row[5])
                self.assertTrue(row[6].endswith(amount), row[6])
            # The specification without the model code the line starts
            # with
            for row, line in zip([transmitter, thermo], sale.lines):
                code, spec = line.description.split('\n', 1)
                self.assertEqual(code, row[1])
                self.assertEqual(row[2], spec)
            self.assertIn("膜片 316L 不锈钢", transmitter[2])
            self.assertIn("集成 316 不锈钢三阀组", transmitter[2])

            untaxed, tax, total = table(tree, 'Totals')
            self.assertEqual([untaxed[2], tax[2]], ["Untaxed Amount:", "Tax:"])
            self.assertTrue(untaxed[3].endswith("18,505.67"))
            self.assertTrue(tax[3].endswith("0.00"))
            self.assertEqual(total[:3],
                ["Total in Words:", "壹万捌仟伍佰零伍元陆角柒分", "Total:"])
            self.assertTrue(total[3].endswith("18,505.67"))

            texts = paragraphs(tree)
            notes = texts.index("Terms and Notes:")
            self.assertEqual(texts[notes + 1:notes + 3], [
                    "付款方式：合同签订后预付 30%，发货前付清。",
                    "交货地点：买方工厂。"])

    @with_transaction()
    def test_amount_in_words_and_sections(self):
        """The capitals follow the runtime parameters (with 人民币); a
        quotation in another currency prints none; title, comment and
        subtotal lines print their text (and amount) unnumbered"""
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        with self.world():
            Configuration.write([Configuration(1)],
                {'amount_in_words': 'currency'})
            with patch.object(quotation.shutil, 'which', return_value=None):
                _, content, _ = self.print_quotation(self.sale)
            self.assertEqual(table(odt_part(content), 'Totals')[2][:2],
                ["Total in Words:", "人民币壹万捌仟伍佰零伍元陆角柒分"])

            usd = create_currency('USD')
            add_currency_rate(usd, D('0.14'))
            Line.delete(list(self.sale.lines))
            Sale.write([self.sale], {'currency': usd.id})
            Line.create([{'sale': self.sale.id, 'type': 'title',
                        'description': "备品备件"}])
            add_line(self.sale, self.spindle, 2, unit_price='300.125')
            Line.create([
                    {'sale': self.sale.id, 'type': 'subtotal',
                        'description': "备品备件小计"},
                    {'sale': self.sale.id, 'type': 'comment',
                        'description': "随机附带易损件一套。"}])
            with patch.object(quotation.shutil, 'which', return_value=None):
                _, content, _ = self.print_quotation(Sale(self.sale.id))
            total = table(odt_part(content), 'Totals')[2]
            self.assertEqual(total[:3], ["", "", "Total:"])
            self.assertTrue(total[3].endswith("600.25"))
            _, title, row, subtotal, comment = table(
                odt_part(content), 'Lines')
            # A unit price with more decimals than the currency shows them
            self.assertEqual(row[:2], ["1", "主轴单元"])
            self.assertTrue(row[5].endswith("300.125"), row[5])
            self.assertTrue(row[6].endswith("600.25"), row[6])
            self.assertEqual(title, ["", "", "备品备件", "", "", "", "", ""])
            self.assertEqual(
                subtotal[:6], ["", "", "备品备件小计", "", "", ""])
            self.assertTrue(subtotal[6].endswith("600.25"), subtotal[6])
            self.assertEqual(
                comment, ["", "", "随机附带易损件一套。", "", "", "", "", ""])

    @with_transaction()
    def test_output_format(self):
        """PDF where the program of [report] convert_command is installed,
        ODT otherwise; the format an administrator gives the action where
        it can be made"""
        pool = Pool()
        ActionReport = pool.get('ir.action.report')
        action, = ActionReport.search(
            [('report_name', '=', 'ame.selection.quotation')])
        self.assertEqual((action.template_extension, action.extension),
            ('odt', ''))
        installed = set()

        def which(program):
            return f'/usr/bin/{program}' if program in installed else None
        with patch.object(quotation.shutil, 'which', which):
            self.assertEqual(quotation.output_extension(action), 'odt')
            installed.add('soffice')
            self.assertEqual(quotation.output_extension(action), 'pdf')
            action.extension = 'docx'
            self.assertEqual(quotation.output_extension(action), 'docx')
            installed.clear()
            self.assertEqual(quotation.output_extension(action), 'odt')

        # The converter Tryton runs: here one that copies the file
        action.extension = ''
        command = (f'"{sys.executable}" -c "import shutil, sys; '
            'shutil.copy(sys.argv[1], sys.argv[2])" '
            '"%(input_path)s" "%(output_path)s"')
        get = config.get

        def get_config(section, option, default=None):
            if (section, option) == ('report', 'convert_command'):
                return command
            return get(section, option, default=default)
        Quotation = pool.get('ame.selection.quotation', type='report')
        with patch.object(config, 'get', get_config):
            self.assertEqual(quotation.converter(), sys.executable)
            self.assertEqual(Quotation.convert(action, b'PK quotation'),
                ('pdf', b'PK quotation'))
        with patch.object(quotation.shutil, 'which', return_value=None), \
                patch.object(config, 'get', get_config), \
                patch('trytond.report.report.subprocess.run') as run:
            self.assertEqual(Quotation.convert(action, b'PK quotation'),
                ('odt', b'PK quotation'))
        run.assert_not_called()

    @with_transaction()
    def test_access(self):
        """Only the sales the user may read print, and only for users of
        the sales group"""
        with self.world():
            _, outsider = create_user(self.company, 'zhou', None, [],
                name="周敏")
            with patch.object(quotation.shutil, 'which', return_value=None):
                with as_user(self.chen_user):
                    extension, _, _ = self.print_quotation(self.sale)
                self.assertEqual(extension, 'odt')
                # 王磊's data scope does not show him 陈静's sale; 周敏 is
                # not in the sales group
                for user, message in [
                        (self.wang_user, gettext('ir.msg_read_rule_error',
                                ids=str(self.sale.id), model="Sale",
                                rules="Data scope")),
                        (outsider, gettext('ir.msg_access_report_error',
                                report='ame.selection.quotation')),
                        ]:
                    with self.assertRaises(AccessError) as cm, \
                            rolled_back(), as_user(user):
                        self.print_quotation(self.sale)
                    self.assertEqual(cm.exception.message, message)
